using System.Globalization;
using System.Net;
using System.Text.Json;
using ActorStream.Media.Ffmpeg;
using ActorStream.Media.Sdp;
using ActorStream.Media.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Media.Tests.Sdp;

/// <summary>
/// A real ffprobe opens a station's SDP file and finds the MPEG-TS that a real ffmpeg sends to the address it names
/// (unicast on loopback: the description is the same but for the TTL). This is what "udp 33" is for: ffmpeg reads
/// "udp mpeg" as G.711 audio.
/// </summary>
public sealed class StationSdpFfprobeTests
{
    [Fact]
    public async Task Ffprobe_opens_the_station_description_and_finds_the_stream_it_names()
    {
        var ct = TestContext.Current.CancellationToken;
        var ffmpeg = FfmpegInstallation.Locate();
        var port = Loopback.FreeUdpPort();
        using var dir = new TempDirectory();
        var sdpFile = dir.File("news.sdp");
        var sdp = StationSdp.Describe("news", "h264 320x240 25 fps", new IPEndPoint(IPAddress.Loopback, port), 1, IPAddress.Loopback, 1);
        await File.WriteAllTextAsync(sdpFile, sdp.ToText(), ct);

        // Sends for up to 60 s: ffprobe needs a keyframe (one a second) and is done long before; disposal kills it.
        await using var sender = FfmpegProcess.Start(ffmpeg.FfmpegPath,
        [
            "-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "60",
            "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-f", "mpegts",
            $"udp://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}?pkt_size=1316",
        ], NullLogger.Instance);
        await using var probe = FfmpegProcess.Start(ffmpeg.FfprobePath,
        [
            "-v", "error", "-protocol_whitelist", "file,udp,rtp", "-show_entries", "stream=codec_type,codec_name,width,height",
            "-show_entries", "format_tags=title", "-of", "json", sdpFile,
        ], NullLogger.Instance);
        probe.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        using var reader = new StreamReader(probe.StandardOutput);
        var json = await reader.ReadToEndAsync(timeout.Token);
        var code = await probe.Exited.WaitAsync(timeout.Token);

        Assert.True(code == 0, probe.DescribeFailure(code));
        using var doc = JsonDocument.Parse(json);
        var video = doc.RootElement.GetProperty("streams").EnumerateArray()
            .Single(s => s.GetProperty("codec_type").GetString() == "video");
        Assert.Equal("h264", video.GetProperty("codec_name").GetString());
        Assert.Equal((320, 240), (video.GetProperty("width").GetInt32(), video.GetProperty("height").GetInt32()));
        Assert.Equal("news", doc.RootElement.GetProperty("format").GetProperty("tags").GetProperty("title").GetString());
    }
}
