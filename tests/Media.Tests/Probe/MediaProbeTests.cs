using System.Diagnostics;
using ActorStream.Media.Ffmpeg;
using ActorStream.Media.Probe;

namespace ActorStream.Media.Tests.Probe;

/// <summary>ffprobe (through FFMpegCore) on a file ffmpeg makes here: the figures are the ones it was made with.</summary>
public sealed class MediaProbeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("actorstream-probe-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_generated_file_probes_to_what_it_holds()
    {
        var ct = TestContext.Current.CancellationToken;
        var ffmpeg = FfmpegInstallation.Locate();
        var file = Path.Combine(_directory, "clip.mp4");
        await MakeClipAsync(ffmpeg.FfmpegPath, file, ct);

        var media = await new MediaProbe(ffmpeg.FfprobePath).ProbeAsync(file, ct);

        Assert.Equal("h264", media.Codec);
        Assert.Equal((320, 240), (media.Width, media.Height));
        Assert.Equal("4:3", media.AspectRatio);
        Assert.Equal(25, media.FrameRate, 2);
        Assert.InRange(media.DurationSeconds, 1.9, 2.2);
        Assert.True(media.BitrateKbps > 0, $"bitrate {media.BitrateKbps}");
        Assert.Equal("aac 48000 Hz stereo", media.Audio);
    }

    [Fact]
    public async Task A_missing_or_broken_file_is_a_clear_error()
    {
        var ct = TestContext.Current.CancellationToken;
        var probe = new MediaProbe(FfmpegInstallation.Locate().FfprobePath);
        var broken = Path.Combine(_directory, "broken.mp4");
        await File.WriteAllTextAsync(broken, "not a video", ct);

        var missing = await Assert.ThrowsAsync<MediaProbeException>(() => probe.ProbeAsync(Path.Combine(_directory, "none.mp4"), ct));
        var bad = await Assert.ThrowsAsync<MediaProbeException>(() => probe.ProbeAsync(broken, ct));

        Assert.Contains("no such file", missing.Message, StringComparison.Ordinal);
        Assert.Contains("broken.mp4", bad.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1280, 720, 0, 0, "16:9")]
    [InlineData(320, 240, 0, 0, "4:3")]
    [InlineData(720, 576, 16, 9, "16:9")]
    [InlineData(160, 120, 0, 1, "4:3")]
    [InlineData(0, 0, 0, 0, "unknown")]
    public void The_aspect_ratio_is_the_display_one_when_given_else_the_pictures(int w, int h, int darW, int darH, string expected) =>
        Assert.Equal(expected, AspectRatio.Of(w, h, darW, darH));

    private static async Task MakeClipAsync(string ffmpeg, string file, CancellationToken ct)
    {
        var start = new ProcessStartInfo(ffmpeg)
        {
            ArgumentList =
            {
                "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=2",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=2", "-ac", "2",
                "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest", "-y", file,
            },
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        Assert.True(process.ExitCode == 0, $"ffmpeg made no clip: {stderr}");
    }
}
