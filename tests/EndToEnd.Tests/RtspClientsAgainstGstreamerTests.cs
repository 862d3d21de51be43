using System.Diagnostics;
using ActorStream.EndToEnd.Tests.Support.Rtsp;
using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests;

/// <summary>
/// The RTSP test clients (Support/Rtsp) proven against gst-rtsp-server, the server people would pick instead of ours:
/// when a test of our server fails, these tell whether the client or the server is at fault. (`actorstream play`
/// against it: PlayAgainstGstreamerTests.)
/// </summary>
public sealed class RtspClientsAgainstGstreamerTests(GstRtspServerFixture gst) : IClassFixture<GstRtspServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("udp")]
    [InlineData("tcp")]
    public async Task Ffprobe_decodes_90_video_frames_and_audio_from_gst_rtsp_server(string transport)
    {
        await using var probe = RtspFfprobe.Start(gst.Url, transport);
        await probe.WaitForFramesAsync(90, Ct, audio: 20);
        Log(probe.ToString());
        Assert.Contains("video:h264", await RtspFfprobe.StreamsAsync(gst.Url, transport, Ct));
    }

    [Theory]
    [InlineData("udp")]
    [InlineData("tcp")]
    public async Task Gstreamer_rtspsrc_decodes_90_frames_from_gst_rtsp_server(string protocols)
    {
        var result = await GstRtspProbe.DecodeAsync(gst.Url, protocols, 90, TimeSpan.FromSeconds(45), Ct);
        Log($"{result.CommandLine}: exit {result.ExitCode}, {result.DecodedFrames} frames");
        Assert.True(result.DecodedFrames >= 90, $"{result}");
    }

    [Fact]
    public async Task The_raw_client_sees_RTP_over_UDP_stop_during_PAUSE_and_come_back_after_PLAY()
    {
        using var ports = RtpPortPair.Open();
        await using var client = await RawRtspClient.ConnectAsync(new Uri(gst.Url), Ct);
        var describe = await client.DescribeAsync(Ct);
        Assert.Equal(200, describe.Status);
        var setup = await client.SetupAsync(RawRtspClient.ControlUrl(describe, client.BaseUri, 0), $"RTP/AVP;unicast;{ports.ClientPort}", Ct);
        Assert.True(setup.Status == 200, setup.ToString());
        var play = await client.SessionRequestAsync("PLAY", Ct);
        Assert.True(play.Status == 200, play.ToString());
        await Eventually.Until(() => ports.Rtp.Count >= 60, TimeSpan.FromSeconds(10), $"60 RTP datagrams on {ports.RtpPort}", Ct);

        var pause = await client.SessionRequestAsync("PAUSE", Ct);
        Assert.True(pause.Status == 200, pause.ToString());
        var quietFrom = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 5;
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        var resumed = Stopwatch.GetTimestamp();
        Assert.Equal(0, ports.RtpBetween(quietFrom, resumed));
        Assert.Equal(200, (await client.SessionRequestAsync("PLAY", Ct)).Status);
        await Eventually.Until(() => ports.RtpBetween(resumed, long.MaxValue) >= 30, TimeSpan.FromSeconds(10), "RTP again after PLAY", Ct);
        Assert.Equal(200, (await client.SessionRequestAsync("TEARDOWN", Ct)).Status);
    }

    private static void Log(string text) => TestContext.Current.TestOutputHelper?.WriteLine(text);
}
