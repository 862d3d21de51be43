using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using ActorStream.Media.Ffmpeg;
using ActorStream.Media.MpegTs;
using ActorStream.Media.Tests.Support;
using ActorStream.Media.Video;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Media.Tests.Ffmpeg;

/// <summary>
/// Capture ffmpeg → frames copied by this code → encoder ffmpeg → MPEG-TS, decoded by a real ffprobe:
/// the data path of the seed's capture and encoder actors, without the actors.
/// </summary>
public sealed class PipelineTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private static readonly RawVideoFormat Small = new(320, 240, 30);
    private readonly FfmpegInstallation _ffmpeg = FfmpegInstallation.Locate();

    [Theory]
    [InlineData(VideoCodec.H264, "h264")]
    [InlineData(VideoCodec.H265, "hevc")]
    public async Task Capture_to_encoder_gives_mpegts_that_ffprobe_decodes(VideoCodec codec, string codecName)
    {
        var ct = TestContext.Current.CancellationToken;
        using var scratch = new TempDirectory();
        var output = scratch.File("out.ts");
        var capture = new CaptureSettings { Video = Small, Realtime = false, Duration = TimeSpan.FromSeconds(4) };
        var encoder = new EncoderSettings { Video = Small, Codec = codec, BitrateKbps = 800, Overlay = true, FontFile = OverlayFont.Locate() };

        var chunks = await RunPipelineAsync(capture, encoder, output, audioRelay: null, ct);

        var probe = await Ffprobe.CountFramesAsync(output, Generous, ct);
        Assert.Equal(codecName, probe.CodecName);
        Assert.Equal(320, probe.Width);
        Assert.Equal(240, probe.Height);
        Assert.True(probe.FramesRead >= 90, $"decoded only {probe.FramesRead} frames");
        // The encoder's stdout, cut by the chunker, is whole packets with no continuity gaps.
        Assert.Equal(0, chunks.Resyncs);
        Assert.Equal(0, chunks.Lost);
        Assert.True(chunks.Packets > 100);

        // A receiver that joins mid-stream can decode: parameter sets come with every keyframe.
        var bytes = await File.ReadAllBytesAsync(output, ct);
        var middle = bytes.Length / 2 / TsPacket.Size * TsPacket.Size;
        var lateJoin = scratch.File("late.ts");
        await File.WriteAllBytesAsync(lateJoin, bytes[middle..], ct);
        var late = await Ffprobe.CountFramesAsync(lateJoin, Generous, ct);
        Assert.Equal(320, late.Width);
        Assert.True(late.FramesRead >= 20, $"a late joiner decoded only {late.FramesRead} frames");
        // The decoder could have guessed; the bitstream says it for sure: the second half alone holds
        // sequence parameter sets (H.264 SPS NAL 0x67, H.265 VPS NAL 0x40 0x01).
        byte[] parameterSet = codec == VideoCodec.H264 ? [0, 0, 1, 0x67] : [0, 0, 1, 0x40, 0x01];
        Assert.True(CountOccurrences(LargestPidPayload(bytes[middle..]), parameterSet) >= 1, "no parameter sets after the middle of the stream");
    }

    // The payload bytes of the PID with the most packets (the video), TS headers removed.
    private static byte[] LargestPidPayload(byte[] ts)
    {
        var byPid = new Dictionary<int, List<byte>>();
        for (var offset = 0; offset + TsPacket.Size <= ts.Length; offset += TsPacket.Size)
        {
            var packet = ts.AsSpan(offset, TsPacket.Size);
            if (TsPacket.TryParse(packet, out var header, out _) && header.HasPayload && header.PayloadOffset < TsPacket.Size)
            {
                if (!byPid.TryGetValue(header.Pid, out var list))
                {
                    byPid[header.Pid] = list = [];
                }

                list.AddRange(packet[header.PayloadOffset..].ToArray());
            }
        }

        return byPid.Values.MaxBy(l => l.Count)!.ToArray();
    }

    private static int CountOccurrences(byte[] haystack, byte[] needle)
    {
        var count = 0;
        for (var i = haystack.AsSpan().IndexOf(needle); i >= 0; i = haystack.AsSpan(i + 1).IndexOf(needle) is var next and >= 0 ? i + 1 + next : -1)
        {
            count++;
        }

        return count;
    }

    [Fact]
    public async Task With_audio_the_encoder_muxes_aac_from_its_loopback_input()
    {
        var ct = TestContext.Current.CancellationToken;
        using var scratch = new TempDirectory();
        var output = scratch.File("out.ts");
        using var captureSide = new TcpListener(IPAddress.Loopback, 0);
        using var encoderSide = new TcpListener(IPAddress.Loopback, 0);
        captureSide.Start();
        encoderSide.Start();
        var capture = new CaptureSettings
        {
            Video = Small, Audio = AudioSource.Sine, AudioPort = ((IPEndPoint)captureSide.LocalEndpoint).Port,
            Realtime = false, Duration = TimeSpan.FromSeconds(4),
        };
        var encoder = new EncoderSettings
        {
            Video = Small, Audio = true, AudioPort = ((IPEndPoint)encoderSide.LocalEndpoint).Port, BitrateKbps = 800,
            FontFile = OverlayFont.Locate(),
        };

        var chunks = await RunPipelineAsync(capture, encoder, output, token => RelayAudioAsync(captureSide, encoderSide, token), ct);

        var probe = await Ffprobe.CountFramesAsync(output, Generous, ct);
        Assert.Equal(["video", "audio"], probe.StreamTypes.Order().Reverse());
        Assert.True(probe.FramesRead >= 90, $"decoded only {probe.FramesRead} frames");
        Assert.Equal(0, chunks.Lost);
    }

    private async Task<ChunkStats> RunPipelineAsync(
        CaptureSettings captureSettings, EncoderSettings encoderSettings, string outputFile,
        Func<CancellationToken, Task>? audioRelay, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Generous);
        var token = timeout.Token;
        var relay = audioRelay?.Invoke(token) ?? Task.CompletedTask;
        await using var capture = FfmpegProcess.Start(_ffmpeg.FfmpegPath, CaptureArguments.Build(captureSettings), NullLogger.Instance);
        await using var encoder = FfmpegProcess.Start(_ffmpeg.FfmpegPath, EncoderArguments.Build(encoderSettings), NullLogger.Instance);

        var stats = new ChunkStats();
        var collect = CollectAsync(encoder.StandardOutput, outputFile, stats, token);
        using (var assembler = new RawFrameAssembler(captureSettings.Video.FrameSize))
        {
            try
            {
                while (await assembler.ReadFrameAsync(capture.StandardOutput, token) is { } frame)
                {
                    using (frame)
                    {
                        await encoder.StandardInput.WriteAsync(frame.Memory, token);
                    }
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                Assert.Fail($"pipeline stalled after {assembler.FramesCompleted} frames; capture: {string.Join('|', capture.StderrTail)}; encoder: {string.Join('|', encoder.StderrTail)}");
            }
        }

        var captureCode = await capture.Exited.WaitAsync(token);
        Assert.True(captureCode == 0, capture.DescribeFailure(captureCode));
        await relay.WaitAsync(token);
        // End of input: the encoder flushes and exits.
        encoder.StandardInput.Close();
        var encoderCode = await encoder.Exited.WaitAsync(token);
        Assert.True(encoderCode == 0, encoder.DescribeFailure(encoderCode));
        await collect.WaitAsync(token);
        return stats;
    }

    private static async Task CollectAsync(Stream encoderOutput, string file, ChunkStats stats, CancellationToken token)
    {
        var chunker = new TsChunker();
        var checker = new ContinuityCounterChecker();
        await using var sink = File.Create(file);
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await encoderOutput.ReadAsync(buffer, token)) > 0)
        {
            var chunk = chunker.Push(buffer.AsSpan(0, read));
            checker.AddChunk(chunk);
            await sink.WriteAsync(chunk, token);
        }

        stats.Resyncs = chunker.Resyncs;
        stats.Packets = chunker.Packets;
        stats.Lost = checker.Lost;
    }

    // The capture side accepts ffmpeg's audio output connection; the encoder side serves it to the encoder,
    // which connects only after opening its video input, so audio is queued meanwhile.
    private static async Task RelayAudioAsync(TcpListener captureSide, TcpListener encoderSide, CancellationToken token)
    {
        var queue = Channel.CreateUnbounded<byte[]>();
        var pump = Task.Run(
            async () =>
            {
                using var input = await captureSide.AcceptTcpClientAsync(token);
                await using var stream = input.GetStream();
                var buffer = new byte[16 * 1024];
                int read;
                while ((read = await stream.ReadAsync(buffer, token)) > 0)
                {
                    await queue.Writer.WriteAsync(buffer[..read], token);
                }

                queue.Writer.Complete();
            },
            token);
        using var output = await encoderSide.AcceptTcpClientAsync(token);
        await using (var stream = output.GetStream())
        {
            await foreach (var piece in queue.Reader.ReadAllAsync(token))
            {
                await stream.WriteAsync(piece, token);
            }
        }

        await pump;
    }

    private sealed class ChunkStats
    {
        public long Resyncs { get; set; }

        public long Packets { get; set; }

        public long Lost { get; set; }
    }
}
