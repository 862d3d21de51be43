using ActorStream.Tests.Support;

namespace ActorStream.Actors.Tests.Rtsp;

/// <summary>Real RTSP clients (ffmpeg) play a station from our server over UDP and over TCP (interleaved) and decode its frames.</summary>
public sealed class RtspPlayTests(H264TestFrames frames) : RtspTestBase(frames), IClassFixture<H264TestFrames>
{
    [Fact]
    public async Task Ffmpeg_decodes_over_udp_and_tcp_at_once()
    {
        await StartServerAsync();
        await using var udp = DecodingReceiver.Start(FfmpegPath, StationUrl, "rtsp udp", "-rtsp_transport", "udp");
        await using var tcp = DecodingReceiver.Start(FfmpegPath, StationUrl, "rtsp tcp", "-rtsp_transport", "tcp");

        await Task.WhenAll(udp.WaitForFramesAsync(90, Generous, Token), tcp.WaitForFramesAsync(90, Generous, Token));

        Assert.All(new[] { udp, tcp }, r =>
        {
            Assert.Equal((H264TestFrames.Width, H264TestFrames.Height), (r.Width, r.Height));
            Assert.Equal(H264TestFrames.Width * H264TestFrames.Height * 3 / 2, r.LastFrameBytes);
        });
        var status = await CurrentStatusAsync();
        Assert.Equal(2, status.Sessions);
        Assert.Equal(2, await StreamSessionsAsync());
    }
}
