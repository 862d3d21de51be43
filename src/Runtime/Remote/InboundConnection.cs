using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace ActorStream.Runtime.Remote;

/// <summary>
/// One accepted connection: handshake as server (bounded by handshake-timeout), then read frames and hand them
/// to the transport. Any protocol error closes this connection only, logged; nothing else is touched.
/// </summary>
internal sealed class InboundConnection(RemoteTransport transport, TcpClient client) : IDisposable
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var remoteEndPoint = client.Client.RemoteEndPoint?.ToString() ?? "?";
        try
        {
            client.NoDelay = true;
            var stream = client.GetStream();
            var reader = new FrameReader(stream);
            PeerIdentity peer;
            using (var handshakeTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                handshakeTimeout.CancelAfter(transport.Settings.HandshakeTimeout);
                try
                {
                    peer = await transport.Handshake.RunServerAsync(stream, reader, handshakeTimeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new ProtocolException($"No complete handshake within {transport.Settings.HandshakeTimeout}");
                }
            }
            transport.Log.LogDebug("Inbound association from {Peer} (uid {Uid}) at {EndPoint}", peer.Address, peer.Uid, remoteEndPoint);
            transport.OnPeerIdentified(peer);
            while (!cancellationToken.IsCancellationRequested)
            {
                var body = await reader.ReadAsync(transport.Settings.MaximumFrameSize, cancellationToken).ConfigureAwait(false);
                if (body is null) break;
                transport.Counters.FrameIn(body.Length + 4);
                transport.HandleFrame(peer, body);
            }
        }
        catch (ProtocolException e)
        {
            transport.Counters.Refused();
            transport.Log.LogWarning("Refused connection from {EndPoint}: {Error}", remoteEndPoint, e.Message);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            transport.Log.LogDebug("Inbound connection from {EndPoint} ended: {Error}", remoteEndPoint, e.Message);
        }
        finally
        {
            Dispose();
        }
    }

    public void Dispose() => client.Dispose();
}
