using System.Globalization;
using ActorStream.Media.Ffmpeg;
using ActorStream.Media.Measurement;
using ActorStream.Media.MpegTs;
using ActorStream.Media.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Media.Tests.Measurement;

public sealed class CaptureTimelineFfmpegTests
{
    [Fact]
    public async Task A_real_x264_zerolatency_encoder_maps_output_pts_back_to_input_frames_0_to_n_minus_1()
    {
        const int frames = 40;
        const int width = 64;
        const int height = 48;
        const int fps = 30;
        var token = TestContext.Current.CancellationToken;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var ffmpeg = FfmpegInstallation.Locate();
        string[] args =
        [
            "-hide_banner", "-nostdin", "-loglevel", "error",
            "-f", "rawvideo", "-pix_fmt", "yuv420p", "-video_size", $"{width}x{height}",
            "-framerate", fps.ToString(CultureInfo.InvariantCulture), "-i", "pipe:0",
            "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency",
            "-f", "mpegts", "-muxdelay", "0", "-muxpreload", "0", "pipe:1",
        ];
        await using var process = FfmpegProcess.Start(ffmpeg.FfmpegPath, args, NullLogger.Instance);

        var timeline = new CaptureTimeline(fps);
        var t0 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var allWritten = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reading = ReadPtsAsync(process.StandardOutput, timeout.Token);
        await using (var writer = new ChunkWriter(process.StandardInput, frames, "ffmpeg stdin", tag =>
        {
            timeline.RecordWrittenTicks(tag);
            if (timeline.FramesWritten == frames)
            {
                allWritten.TrySetResult();
            }
        }))
        {
            var frameSize = width * height * 3 / 2;
            for (var n = 0; n < frames; n++)
            {
                var frame = new byte[frameSize];
                Array.Fill(frame, (byte)(n * 5));
                Assert.True(writer.Enqueue(frame, t0.AddMilliseconds(n * 10).Ticks));
            }

            await allWritten.Task.WaitAsync(timeout.Token);
        }

        // Disposing the writer closed stdin: ffmpeg flushes and ends.
        var pts = await reading;
        var code = await process.Exited.WaitAsync(timeout.Token);
        Assert.True(code == 0, process.DescribeFailure(code));

        Assert.Equal(frames, pts.Count);
        for (var i = 0; i < pts.Count; i++)
        {
            Assert.Equal(t0.AddMilliseconds(i * 10), timeline.CaptureTimeOf(pts[i]));
        }
    }

    private static async Task<List<long>> ReadPtsAsync(Stream output, CancellationToken token)
    {
        var chunker = new TsChunker();
        var scanner = new VideoFrameScanner();
        var pts = new List<long>();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await output.ReadAsync(buffer, token)) > 0)
        {
            foreach (var start in scanner.Scan(chunker.Push(buffer.AsSpan(0, read))))
            {
                Assert.False(start.Malformed);
                pts.Add(start.Timestamps.Pts ?? throw new InvalidOperationException("a video PES without PTS"));
            }
        }

        return pts;
    }
}
