using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ActorStream.Media.Ffmpeg;
using ActorStream.Media.Rtp;
using ActorStream.Media.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Media.Tests.Rtp;

/// <summary>Our H.264 RTP, sent over loopback UDP, decoded by a real client (ffprobe reading an SDP file).</summary>
public sealed class H264RtpFfprobeTests
{
    private const int Fps = 25;
    private const int Width = 320;
    private const int Height = 240;
    private const int MaxPayload = 1200;

    [Fact]
    public async Task Ffprobe_decodes_our_rtp_packets_of_a_real_x264_stream()
    {
        var token = TestContext.Current.CancellationToken;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var ffmpeg = FfmpegInstallation.Locate();
        using var temp = new TempDirectory();

        // 2 s of test pattern as an Annex B stream; AUDs mark where each access unit starts, no B-frames so
        // decode order is presentation order and frame n has PTS n / fps.
        var h264 = temp.File("out.h264");
        await RunToEndAsync(ffmpeg.FfmpegPath,
        [
            "-hide_banner", "-nostdin", "-loglevel", "error", "-f", "lavfi",
            "-i", $"testsrc=size={Width}x{Height}:rate={Fps}", "-t", "2",
            "-c:v", "libx264", "-preset", "ultrafast", "-bf", "0", "-x264-params", "aud=1",
            "-bsf:v", "h264_mp4toannexb", "-f", "h264", h264,
        ], timeout.Token);

        var nals = AnnexB.SplitNalUnits(await File.ReadAllBytesAsync(h264, timeout.Token));
        var accessUnits = SplitOnAccessUnitDelimiters(nals);
        Assert.InRange(accessUnits.Count, 45, 55);
        var sets = H264ParameterSets.Find(nals);
        Assert.NotNull(sets);

        var port = Loopback.FreeEvenPorts(2);
        var sdp = temp.File("stream.sdp");
        await File.WriteAllTextAsync(sdp, string.Join("\r\n",
        [
            "v=0", "o=- 0 0 IN IP4 127.0.0.1", "s=ActorStream RTP test", "c=IN IP4 127.0.0.1", "t=0 0",
            $"m=video {port.ToString(CultureInfo.InvariantCulture)} RTP/AVP 96",
            "a=rtpmap:96 H264/90000",
            $"a=fmtp:96 packetization-mode=1;sprop-parameter-sets={sets.SpropParameterSets};profile-level-id={sets.ProfileLevelId}",
            string.Empty,
        ]), timeout.Token);

        string[] probeArgs =
        [
            "-v", "error", "-protocol_whitelist", "file,udp,rtp", "-count_frames",

            // Stream analysis stops after 1 s of media, so the BYE reaches the frame counting (not the analysis).
            "-analyzeduration", "1000000",
            "-show_entries", "stream=codec_name,width,height,nb_read_frames", "-of", "json", sdp,
        ];
        await using var probe = FfmpegProcess.Start(ffmpeg.FfprobePath, probeArgs, NullLogger.Instance);
        probe.StandardInput.Close();
        using var reader = new StreamReader(probe.StandardOutput);
        var output = reader.ReadToEndAsync(timeout.Token);
        await Loopback.WaitForUdpBindAsync(port, TimeSpan.FromSeconds(10), timeout.Token);

        const uint ssrc = 0x5EED1234;
        var packetizer = new H264Packetizer(new RtpPacketWriter(ssrc, 96, initialSequence: 65500, timestampOffset: 123_456_789), MaxPayload);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var rtp = new IPEndPoint(IPAddress.Loopback, port);
        var sent = 0;
        var kinds = new HashSet<int>();
        using (var pace = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / Fps)))
        {
            for (var n = 0; n < accessUnits.Count; n++)
            {
                foreach (var packet in packetizer.Packetize(accessUnits[n], n * (90_000L / Fps)))
                {
                    Assert.True(packet.Length - RtpHeader.FixedLength <= MaxPayload);
                    await socket.SendToAsync(packet, rtp, timeout.Token);
                    kinds.Add(packet[RtpHeader.FixedLength] & 0x1F);
                    sent++;
                }

                await pace.WaitForNextTickAsync(timeout.Token);
            }
        }

        // The stream exercised both STAP-A (parameter sets with the first frame) and FU-A (the keyframe).
        Assert.Contains(H264Packetizer.StapAType, kinds);
        Assert.Contains(H264Packetizer.FuAType, kinds);

        // RTCP BYE on the RTCP port ends ffprobe's input (EOF), so it reports without waiting for a timeout.
        // ffprobe takes only the first BYE as the end, so exactly one is sent.
        await socket.SendToAsync(new RtcpBye([ssrc], "end of test").ToArray(), new IPEndPoint(IPAddress.Loopback, port + 1), timeout.Token);
        await Task.WhenAny(output, Task.Delay(TimeSpan.FromSeconds(10), timeout.Token));
        Assert.True(output.IsCompleted, "ffprobe did not finish within 10 s of the RTCP BYE: " + string.Join(" | ", probe.StderrTail));
        var json = await output;
        var code = await probe.Exited.WaitAsync(timeout.Token);
        Assert.True(code == 0, probe.DescribeFailure(code));
        using var doc = JsonDocument.Parse(json);
        var video = doc.RootElement.GetProperty("streams").EnumerateArray().Single();
        Assert.Equal("h264", video.GetProperty("codec_name").GetString());
        Assert.Equal(Width, video.GetProperty("width").GetInt32());
        Assert.Equal(Height, video.GetProperty("height").GetInt32());
        var frames = int.Parse(video.GetProperty("nb_read_frames").GetString() ?? "0", CultureInfo.InvariantCulture);
        Assert.True(frames >= 30, $"ffprobe decoded {frames} frames of {accessUnits.Count} sent in {sent} RTP packets.");
    }

    // Access units begin at an access unit delimiter (NAL type 9), which x264 writes with aud=1.
    private static List<List<ReadOnlyMemory<byte>>> SplitOnAccessUnitDelimiters(IReadOnlyList<ReadOnlyMemory<byte>> nals)
    {
        var units = new List<List<ReadOnlyMemory<byte>>>();
        foreach (var nal in nals)
        {
            if ((nal.Span[0] & 0x1F) == 9 || units.Count == 0)
            {
                units.Add([]);
            }

            units[^1].Add(nal);
        }

        return units;
    }

    internal static async Task RunToEndAsync(string executable, string[] args, CancellationToken cancellationToken)
    {
        await using var process = FfmpegProcess.Start(executable, args, NullLogger.Instance);
        process.StandardInput.Close();
        var code = await process.Exited.WaitAsync(cancellationToken);
        Assert.True(code == 0, process.DescribeFailure(code));
    }
}
