using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ActorStream.Media.Ffmpeg;
using ActorStream.Media.Video;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Media.Tests.Ffmpeg;

/// <summary>A real capture ffmpeg: raw frames on stdout at the configured pace, raw audio on a loopback socket.</summary>
public sealed class CaptureProcessTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);
    private static readonly RawVideoFormat Small = new(320, 240, 30);
    private readonly FfmpegInstallation _ffmpeg = FfmpegInstallation.Locate();

    [Fact]
    public async Task The_test_pattern_gives_whole_frames_at_about_the_frame_rate()
    {
        var ct = TestContext.Current.CancellationToken;
        var settings = new CaptureSettings { Video = Small };
        await using var capture = FfmpegProcess.Start(_ffmpeg.FfmpegPath, CaptureArguments.Build(settings), NullLogger.Instance);
        using var assembler = new RawFrameAssembler(Small.FrameSize);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Generous);

        // The first frames come in a burst while ffmpeg starts; the pace is measured after them.
        Stopwatch? clock = null;
        const int warmup = 10;
        const int measured = 60;
        for (var i = 0; i < warmup + measured; i++)
        {
            using var frame = await assembler.ReadFrameAsync(capture.StandardOutput, timeout.Token);
            Assert.True(frame is not null, "capture ended early: " + capture.DescribeFailure(capture.HasExited ? await capture.Exited : -1));
            Assert.Equal(Small.FrameSize, frame.Length);
            if (i == warmup - 1)
            {
                clock = Stopwatch.StartNew();
            }
        }

        var elapsed = clock!.Elapsed;
        await capture.StopAsync(TimeSpan.FromSeconds(5), stdinCarriesData: false, ct);

        // 60 frames at 30 fps is two seconds; the wide bounds only catch "as fast as possible" or "stalled",
        // not a busy machine where ffmpeg falls behind and then catches up.
        Assert.InRange(elapsed.TotalSeconds, 1.0, 6.0);
        Assert.Equal(warmup + measured, assembler.FramesCompleted);
    }

    [Fact]
    public async Task With_audio_the_loopback_socket_receives_s16le_stereo()
    {
        var ct = TestContext.Current.CancellationToken;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var settings = new CaptureSettings { Video = Small, Audio = AudioSource.Sine, AudioPort = port };
        await using var capture = FfmpegProcess.Start(_ffmpeg.FfmpegPath, CaptureArguments.Build(settings), NullLogger.Instance);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Generous);
        // Video must be drained too, or ffmpeg blocks on a full stdout pipe and stops writing audio.
        var drain = capture.StandardOutput.CopyToAsync(Stream.Null, timeout.Token);

        using var connection = await listener.AcceptTcpClientAsync(timeout.Token);
        await using var audio = connection.GetStream();
        const int wanted = RawAudioFormat.BytesPerSecond / 4;
        var received = new byte[wanted];
        await audio.ReadExactlyAsync(received, timeout.Token);

        await capture.StopAsync(TimeSpan.FromSeconds(5), stdinCarriesData: false, ct);
        await drain.WaitAsync(Generous, ct);

        // A 440 Hz sine in 16-bit stereo: both channels equal, and the samples swing both ways.
        var samples = new short[wanted / 2];
        Buffer.BlockCopy(received, 0, samples, 0, wanted);
        Assert.Contains(samples, s => s > 1000);
        Assert.Contains(samples, s => s < -1000);
        for (var i = 0; i < samples.Length; i += 2)
        {
            Assert.Equal(samples[i], samples[i + 1]);
        }
    }
}
