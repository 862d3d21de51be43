using ActorStream.Messages.Rtsp;
using ActorStream.Tests.Support;

namespace ActorStream.Actors.Tests.Rtsp;

/// <summary>Real RTSP clients (ffmpeg) play a station from our server over UDP and over TCP (interleaved) and decode its frames.</summary>
public sealed class RtspPlayTests(H264TestFrames frames) : RtspTestBase(frames), IClassFixture<H264TestFrames>
{
    [Fact]
    public async Task Ffmpeg_decodes_over_udp_and_tcp_at_once()
    {
        await StartServerAsync();
        var reports = CreateTestProbe();
        Sys.EventStream.Subscribe(reports.Ref, typeof(RtspSessionReport));
        await using var udp = DecodingReceiver.Start(FfmpegPath, StationUrl, "rtsp udp", "-rtsp_transport", "udp");
        await using var tcp = DecodingReceiver.Start(FfmpegPath, StationUrl, "rtsp tcp", "-rtsp_transport", "tcp");

        await Task.WhenAll(udp.WaitForFramesAsync(90, Generous, Token), tcp.WaitForFramesAsync(90, Generous, Token));

        Assert.All(new[] { udp, tcp }, r =>
        {
            Assert.Equal((H264TestFrames.Width, H264TestFrames.Height), (r.Width, r.Height));
            Assert.Equal(H264TestFrames.Width * H264TestFrames.Height * 3 / 2, r.LastFrameBytes);
        });
        // ffmpeg answers our sender reports with receiver reports over UDP (over TCP it sends none): the session's figures.
        var figures = reports.FishForMessage<RtspSessionReport>(r => r.Transport == "udp" && r.LastReceiverReportUtc is not null, Generous);
        Assert.Equal("playing", figures.State);
        Assert.True(figures.CumulativeLost is 0, $"lost {figures.CumulativeLost}");
        Assert.True(figures.RoundTripMs is >= 0 and < 1000, figures.ToString());

        var status = await CurrentStatusAsync();
        Assert.Equal(2, status.Sessions);
        Assert.Equal(2, await StreamSessionsAsync());
    }
}
