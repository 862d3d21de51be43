using ActorStream.Media.Ffmpeg;
using ActorStream.Media.Tests.Support;
using ActorStream.Media.Video;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Media.Tests.Ffmpeg;

/// <summary>The overlay filter as the real ffmpeg parses it, including font paths full of filter syntax.</summary>
public sealed class OverlayTests
{
    private static async Task<int> RunOverlayAsync(string? fontFile, CancellationToken ct)
    {
        var ffmpeg = FfmpegInstallation.Locate();
        var filter = EncoderArguments.OverlayFilter(new EncoderSettings { Video = new RawVideoFormat(160, 120, 10), FontFile = fontFile });
        await using var process = FfmpegProcess.Start(
            ffmpeg.FfmpegPath,
            ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10", "-t", "0.3", "-vf", filter, "-f", "null", "-"],
            NullLogger.Instance);
        var code = await process.Exited.WaitAsync(TimeSpan.FromSeconds(30), ct);
        Assert.True(code == 0, process.DescribeFailure(code));
        return code;
    }

    [Fact]
    public async Task A_font_path_with_colons_commas_and_quotes_reaches_drawtext_intact()
    {
        var font = OverlayFont.Locate();
        Assert.SkipWhen(font is null, "no TrueType font installed");
        using var scratch = new TempDirectory();
        var awkward = scratch.File("a,b:c'd [x];y.ttf");
        File.Copy(font, awkward);

        Assert.Equal(0, await RunOverlayAsync(awkward, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_same_path_unescaped_breaks_the_filter_so_escaping_is_what_makes_it_work()
    {
        var font = OverlayFont.Locate();
        Assert.SkipWhen(font is null, "no TrueType font installed");
        using var scratch = new TempDirectory();
        var awkward = scratch.File("a,b:c'd [x];y.ttf");
        File.Copy(font, awkward);
        var ffmpeg = FfmpegInstallation.Locate();
        await using var process = FfmpegProcess.Start(
            ffmpeg.FfmpegPath,
            ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10", "-t", "0.3",
             "-vf", $"drawtext=fontfile={awkward}:text=x", "-f", "null", "-"],
            NullLogger.Instance);

        Assert.NotEqual(0, await process.Exited.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Without_a_font_file_fontconfig_supplies_one()
    {
        Assert.Equal(0, await RunOverlayAsync(null, TestContext.Current.CancellationToken));
    }
}
