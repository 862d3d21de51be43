using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ActorStream.Media.Ffmpeg;
using ActorStream.Media.MpegTs;
using ActorStream.Media.Rtp;
using ActorStream.Media.Sdp;
using ActorStream.Media.Tests.MpegTs;
using ActorStream.Media.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Media.Tests.Rtp;

/// <summary>
/// A station's stream as RTSP sessions get it: ffmpeg's MPEG-TS demuxed, packetized once by StationRtpPacketizer, sent
/// over loopback UDP in real time with the DESCRIBE SDP (its connection and ports filled in, as SETUP would), and decoded
/// by real clients (ffprobe; GStreamer's sdpdemux with its RTP depayloaders and decoders).
/// </summary>
public sealed class StationRtpClientTests
{
    [Fact]
    public async Task Ffprobe_decodes_h264_and_aac_from_the_station_packetizer()
    {
        var streams = await SendAndProbeAsync("libx264", audio: true);

        Assert.Equal("h264", streams[0].Codec);
        Assert.True(streams[0].Frames >= 90, $"ffprobe decoded {streams[0].Frames} H.264 frames of 120");
        Assert.Equal("aac", streams[1].Codec);
        // 4 s at 48 kHz: 187 AAC frames sent.
        Assert.True(streams[1].Frames >= 150, $"ffprobe decoded {streams[1].Frames} AAC frames of 187");
    }

    [Fact]
    public async Task Ffprobe_decodes_h265_from_the_station_packetizer()
    {
        var streams = await SendAndProbeAsync("libx265", audio: false);

        var video = Assert.Single(streams);
        Assert.Equal("hevc", video.Codec);
        Assert.True(video.Frames >= 90, $"ffprobe decoded {video.Frames} H.265 frames of 120");
    }

    [Fact]
    public async Task Gstreamer_decodes_h264_and_aac_from_the_station_packetizer()
    {
        var token = TestContext.Current.CancellationToken;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        using var temp = new TempDirectory();
        var (packetizer, frames, port, sdpFile) = await PrepareAsync(temp, "libx264", audio: true, timeout.Token);

        // Each fakesink prints a line per buffer it is handed (-v with silent=false): decoded frames.
        string[] args =
        [
            "-v", "filesrc", $"location={sdpFile}", "!", "sdpdemux", "latency=100", "name=d",
            "d.", "!", "queue", "!", "rtph264depay", "!", "avdec_h264", "!", "fakesink", "name=video", "silent=false",
            "d.", "!", "queue", "!", "rtpmp4gdepay", "!", "avdec_aac", "!", "fakesink", "name=audio", "silent=false",
        ];
        await using var gst = FfmpegProcess.Start("gst-launch-1.0", args, NullLogger.Instance);
        gst.StandardInput.Close();
        long video = 0, audio = 0;
        var reading = Task.Run(async () =>
        {
            using var reader = new StreamReader(gst.StandardOutput);
            while (await reader.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.Contains("GstFakeSink:video: last-message = chain", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref video);
                }
                else if (line.Contains("GstFakeSink:audio: last-message = chain", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref audio);
                }
            }
        }, timeout.Token);
        await Loopback.WaitForUdpBindAsync(port, TimeSpan.FromSeconds(10), timeout.Token);
        await Loopback.WaitForUdpBindAsync(port + 2, TimeSpan.FromSeconds(10), timeout.Token);

        await SendAsync(frames, port, timeout.Token);
        // GStreamer does not end on RTCP BYE: the frames still in its jitter buffer come out within its latency.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (DateTime.UtcNow < deadline && (Interlocked.Read(ref video) < 110 || Interlocked.Read(ref audio) < 180))
        {
            await Task.Delay(50, timeout.Token);
        }

        gst.Kill();
        Assert.True(Interlocked.Read(ref video) >= 90, $"GStreamer decoded {video} H.264 frames of 120: " + string.Join(" | ", gst.StderrTail));
        Assert.True(Interlocked.Read(ref audio) >= 150, $"GStreamer decoded {audio} AAC frames of 187: " + string.Join(" | ", gst.StderrTail));
    }

    private static async Task<(StationRtpPacketizer Packetizer, List<RtpFrame> Frames, int Port, string SdpFile)> PrepareAsync(
        TempDirectory temp, string codec, bool audio, CancellationToken token)
    {
        var ts = await File.ReadAllBytesAsync(await TsFiles.EncodeStationAsync(temp.File("in.ts"), codec, 4, audio, token), token);
        var input = TsDemuxerTests.DemuxAll(new TsDemuxer(), ts);
        var packetizer = new StationRtpPacketizer(1400);
        var frames = input.Select(f => packetizer.Packetize(f)).OfType<RtpFrame>().ToList();
        Assert.True(packetizer.HasParameterSets);

        var port = Loopback.FreeEvenPorts(audio ? 4 : 2);
        var sdp = RtspSdp.Describe("test", "127.0.0.1", 1, packetizer.H264, packetizer.H265, audio ? packetizer.Audio : null)
            .Replace("c=IN IP4 0.0.0.0", "c=IN IP4 127.0.0.1", StringComparison.Ordinal)
            .Replace("m=video 0 ", $"m=video {port.ToString(CultureInfo.InvariantCulture)} ", StringComparison.Ordinal)
            .Replace("m=audio 0 ", $"m=audio {(port + 2).ToString(CultureInfo.InvariantCulture)} ", StringComparison.Ordinal);
        var sdpFile = temp.File("stream.sdp");
        await File.WriteAllTextAsync(sdpFile, sdp, token);
        return (packetizer, frames, port, sdpFile);
    }

    /// <summary>In real time, as the encoder makes them: each frame when its media time has come.</summary>
    private static async Task SendAsync(List<RtpFrame> frames, int port, CancellationToken token)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var clock = Stopwatch.StartNew();
        foreach (var frame in frames)
        {
            var due = TimeSpan.FromSeconds(frame.MediaTime / 90_000.0) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, token);
            }

            foreach (var packet in frame.Packets)
            {
                await socket.SendToAsync(packet, new IPEndPoint(IPAddress.Loopback, port + (2 * frame.Track)), token);
            }
        }
    }

    private static async Task<List<(string Codec, int Frames)>> SendAndProbeAsync(string codec, bool audio)
    {
        var token = TestContext.Current.CancellationToken;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        var ffmpeg = FfmpegInstallation.Locate();
        using var temp = new TempDirectory();
        var (packetizer, frames, port, sdpFile) = await PrepareAsync(temp, codec, audio, timeout.Token);

        string[] probeArgs =
        [
            "-v", "error", "-protocol_whitelist", "file,udp,rtp", "-count_frames", "-analyzeduration", "1000000",
            "-show_entries", "stream=codec_name,nb_read_frames", "-of", "json", sdpFile,
        ];
        await using var probe = FfmpegProcess.Start(ffmpeg.FfprobePath, probeArgs, NullLogger.Instance);
        probe.StandardInput.Close();
        using var reader = new StreamReader(probe.StandardOutput);
        var output = reader.ReadToEndAsync(timeout.Token);
        await Loopback.WaitForUdpBindAsync(port, TimeSpan.FromSeconds(10), timeout.Token);
        if (audio)
        {
            await Loopback.WaitForUdpBindAsync(port + 2, TimeSpan.FromSeconds(10), timeout.Token);
        }

        await SendAsync(frames, port, timeout.Token);

        // One RTCP BYE per medium ends ffprobe's input.
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        await socket.SendToAsync(new RtcpBye([packetizer.Writer(0).Ssrc], "end").ToArray(), new IPEndPoint(IPAddress.Loopback, port + 1), timeout.Token);
        if (audio)
        {
            await socket.SendToAsync(new RtcpBye([packetizer.Writer(1).Ssrc], "end").ToArray(), new IPEndPoint(IPAddress.Loopback, port + 3), timeout.Token);
        }

        await Task.WhenAny(output, Task.Delay(TimeSpan.FromSeconds(10), timeout.Token));
        Assert.True(output.IsCompleted, "ffprobe did not finish within 10 s of the RTCP BYE: " + string.Join(" | ", probe.StderrTail));
        var code = await probe.Exited.WaitAsync(timeout.Token);
        Assert.True(code == 0, probe.DescribeFailure(code));
        using var doc = JsonDocument.Parse(await output);
        return doc.RootElement.GetProperty("streams").EnumerateArray()
            .Select(s => (s.GetProperty("codec_name").GetString() ?? "", int.Parse(s.GetProperty("nb_read_frames").GetString() ?? "0", CultureInfo.InvariantCulture)))
            .ToList();
    }
}
