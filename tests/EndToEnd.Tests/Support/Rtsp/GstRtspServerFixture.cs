namespace ActorStream.EndToEnd.Tests.Support.Rtsp;

/// <summary>One gst-rtsp-server serving <see cref="GstRtspServer.TestPattern"/>, shared by a test class.</summary>
public sealed class GstRtspServerFixture : IAsyncLifetime
{
    private GstRtspServer? _server;

    public GstRtspServer Server => _server ?? throw new InvalidOperationException("gst-rtsp-server did not start");

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        _server = await GstRtspServer.StartAsync(GstRtspServer.TestPattern, timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
