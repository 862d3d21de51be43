using System.Net.Sockets;

namespace ActorStream.EndToEnd.Tests.Support.Netns;

/// <summary>HTTP GET from inside a namespace: HttpClient whose connections are sockets made in that namespace.</summary>
public static class NamespaceHttp
{
    /// <summary>GETs <paramref name="uri"/> as a program on <paramref name="host"/> would; returns the status and body.</summary>
    public static async Task<(int Status, string? ContentType, string Body)> GetAsync(LanHost host, Uri uri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = await NamespaceSockets.CreateAsync(host.Namespace,
                    () => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)).ConfigureAwait(false);
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, ct).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(20) };
        using var response = await client.GetAsync(uri, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }
}
