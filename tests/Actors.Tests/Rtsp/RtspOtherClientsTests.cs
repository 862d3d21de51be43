using ActorStream.Tests.Support;

namespace ActorStream.Actors.Tests.Rtsp;

/// <summary>Players other than ffmpeg: GStreamer's rtspsrc over UDP and TCP decodes pictures from our server.</summary>
public sealed class RtspOtherClientsTests(H264TestFrames frames) : RtspTestBase(frames), IClassFixture<H264TestFrames>
{
    private const int PictureBytes = H264TestFrames.Width * H264TestFrames.Height * 3 / 2;

    [Theory]
    [InlineData("udp")]
    [InlineData("tcp")]
    public async Task Gstreamer_rtspsrc_decodes(string protocol)
    {
        await StartServerAsync();
        await using var gst = ByteCountingProcess.Start("gst-launch-1.0",
        [
            "-q", "rtspsrc", $"location={StationUrl}", $"protocols={protocol}", "latency=100", "!", "rtph264depay", "!", "h264parse", "!",
            "avdec_h264", "!", "videoconvert", "!", "video/x-raw,format=I420", "!", "fdsink", "fd=1",
        ]);
        await Eventually.Until(() => gst.Bytes >= 90L * PictureBytes || gst.HasExited, Generous, $"rtspsrc over {protocol} decodes 90 pictures", Token);
        Assert.True(gst.Bytes >= 90L * PictureBytes, $"{gst.Bytes / PictureBytes} pictures; gst said: {await gst.StderrAsync()}");
    }
}
