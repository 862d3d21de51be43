using ActorStream.Media.Tests.Support;

namespace ActorStream.EndToEnd.Tests.Support.Rtsp;

/// <summary>One gst-rtsp-server serving H.264 and AAC (<see cref="GstRtspServerProcess.VideoAndAudio"/>), shared by a test class.</summary>
public sealed class GstRtspServerFixture : IAsyncLifetime
{
    private GstRtspServerProcess? _server;

    public string Url => (_server ?? throw new InvalidOperationException("gst-rtsp-server did not start")).Url;

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        _server = await GstRtspServerProcess.StartAsync(GstRtspServerProcess.VideoAndAudio, timeout.Token, "/main");
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
