using System.Net;
using System.Net.Sockets;
using ActorStream.Media.Rtsp;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Media.Tests.Rtsp;

/// <summary>
/// The client's answer to 401 over a real connection, checked by our own server-side code: a small server on
/// loopback challenges with Digest (SHA-256 and MD5) or Basic and verifies what comes back.
/// </summary>
public sealed class RtspClientAuthenticationTests
{
    private const string Realm = "ActorStream";
    private const string Nonce = "3f1c0d9e";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true, "Digest")]
    [InlineData(false, "Basic")]
    public async Task A_401_is_answered_once_with_the_credentials_and_then_every_request_carries_them(bool digest, string scheme)
    {
        await using var server = new ChallengingServer(digest);
        await using var client = await ConnectAsync(server, new RtspCredentials("alice", "s3cret"));

        var options = await client.RequestAsync("OPTIONS", server.Url, null, Ct);
        var describe = await client.SendAsync("DESCRIBE", server.Url, null, Ct);

        Assert.Equal(200, options.StatusCode);
        Assert.Equal(200, describe.StatusCode);
        Assert.Equal(["none", scheme, scheme], server.Seen);
        Assert.Contains(server.Authorizations, a => digest ? a.Contains("algorithm=SHA-256", StringComparison.Ordinal) : a.StartsWith("Basic ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_password_is_refused_once_with_a_clear_error()
    {
        await using var server = new ChallengingServer(digest: true);
        await using var client = await ConnectAsync(server, new RtspCredentials("alice", "guess"));

        var refused = await Assert.ThrowsAsync<RtspClientException>(() => client.RequestAsync("OPTIONS", server.Url, null, Ct));

        Assert.Equal(401, refused.StatusCode);
        Assert.Contains("wrong user or password", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["none", "Digest"], server.Seen);
        Assert.DoesNotContain("guess", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_credentials_the_error_says_which_options_give_them()
    {
        await using var server = new ChallengingServer(digest: true);
        await using var client = await ConnectAsync(server, null);

        var refused = await Assert.ThrowsAsync<RtspClientException>(() => client.RequestAsync("DESCRIBE", server.Url, null, Ct));

        Assert.Contains("--user and --password", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_naming_the_request()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Assert.True(RtspUrl.TryParse($"rtsp://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/main", out var url, out _));
        await using var client = await RtspClient.ConnectAsync(url!, null, TimeSpan.FromMilliseconds(500), _ => ValueTask.CompletedTask, NullLogger.Instance, Ct);

        var silent = await Assert.ThrowsAsync<RtspClientException>(() => client.RequestAsync("OPTIONS", url!.Text, null, Ct));

        Assert.Contains("OPTIONS", silent.Message, StringComparison.Ordinal);
        Assert.Contains("no answer within", silent.Message, StringComparison.Ordinal);
    }

    private static async Task<RtspClient> ConnectAsync(ChallengingServer server, RtspCredentials? credentials)
    {
        Assert.True(RtspUrl.TryParse(server.Url, out var url, out _));
        return await RtspClient.ConnectAsync(url!, credentials, TimeSpan.FromSeconds(5), _ => ValueTask.CompletedTask, NullLogger.Instance, Ct);
    }

    /// <summary>Answers every request: 401 with a challenge unless it carries alice's right credentials, then 200.</summary>
    private sealed class ChallengingServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly bool _digest;
        private readonly Task _serving;
        private readonly CancellationTokenSource _stop = new();
        private readonly List<string> _seen = [];
        private readonly List<string> _authorizations = [];

        public ChallengingServer(bool digest)
        {
            _digest = digest;
            _listener.Start();
            Url = $"rtsp://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/main";
            _serving = Task.Run(ServeAsync);
        }

        public string Url { get; }

        public IReadOnlyList<string> Seen
        {
            get
            {
                lock (_seen)
                {
                    return [.. _seen];
                }
            }
        }

        public IReadOnlyList<string> Authorizations
        {
            get
            {
                lock (_seen)
                {
                    return [.. _authorizations];
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            try
            {
                await _serving;
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
            }

            _stop.Dispose();
        }

        private async Task ServeAsync()
        {
            using var connection = await _listener.AcceptTcpClientAsync(_stop.Token);
            var stream = connection.GetStream();
            var parser = new RtspRequestParser();
            var buffer = new byte[4096];
            while (true)
            {
                var read = await stream.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                foreach (var request in parser.Feed(buffer.AsSpan(0, read)).OfType<RtspRequest>())
                {
                    var header = request.Headers["Authorization"];
                    var ok = header is not null && (_digest
                        ? DigestAuthentication.Verify(header, request.Method, "alice", "s3cret", Realm, Nonce, null, request.Uri).Outcome == AuthOutcome.Accepted
                        : BasicAuthentication.Verify(header, "alice", "s3cret").Outcome == AuthOutcome.Accepted);
                    lock (_seen)
                    {
                        _seen.Add(header is null ? "none" : header.Split(' ')[0]);
                        if (header is not null)
                        {
                            _authorizations.Add(header);
                        }
                    }

                    var response = ok
                        ? new RtspResponse(200, request.CSeq)
                        : new RtspResponse(401, request.CSeq).WithWwwAuthenticate(_digest
                            ? DigestAuthentication.Challenges(Realm, Nonce, null)
                            : [BasicAuthentication.Challenge(Realm)]);
                    await stream.WriteAsync(response.ToBytes(), _stop.Token);
                }
            }
        }
    }
}
