using ActorStream.Media.Ffmpeg;

namespace ActorStream.Media.Tests.Ffmpeg;

public sealed class FfmpegInstallationTests
{
    [Fact]
    public async Task Finds_ffmpeg_with_the_encoders_and_filters_the_pipeline_needs()
    {
        var installation = FfmpegInstallation.Locate();

        Assert.True(File.Exists(installation.FfmpegPath));
        Assert.True(File.Exists(installation.FfprobePath));
        await installation.EnsureAvailableAsync(["libx264", "libx265", "aac"], ["drawtext"], TestContext.Current.CancellationToken);
        var encoders = await installation.ListEncodersAsync(TestContext.Current.CancellationToken);
        Assert.Contains("libx264", encoders);
        Assert.DoesNotContain("V....D", encoders);
    }

    [Fact]
    public async Task A_missing_encoder_or_filter_is_named_with_the_install_command()
    {
        var installation = FfmpegInstallation.Locate();

        var error = await Assert.ThrowsAsync<MediaSetupException>(() =>
            installation.EnsureAvailableAsync(["libx264", "libnothing"], ["nofilter"], TestContext.Current.CancellationToken));

        Assert.Contains("encoder 'libnothing'", error.Message, StringComparison.Ordinal);
        Assert.Contains("filter 'nofilter'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("libx264", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y ffmpeg", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_configured_path_or_empty_search_path_gives_the_install_command()
    {
        var configured = Assert.Throws<MediaSetupException>(() => FfmpegInstallation.Locate("/nonexistent/ffmpeg"));

        Assert.Contains("/nonexistent/ffmpeg", configured.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y ffmpeg", configured.Message, StringComparison.Ordinal);
        Assert.Null(FfmpegInstallation.FindOnPath("ffmpeg", "/nonexistent:/also/missing"));
        Assert.NotNull(FfmpegInstallation.FindOnPath("ffmpeg", Environment.GetEnvironmentVariable("PATH")));
    }

    [Fact]
    public void The_listing_parser_skips_the_legend()
    {
        const string filters = "Filters:\n  T.. = Timeline support\n  | = Source or sink filter\n ... abench            A->A       Benchmark.\n T.C drawtext          V->V       Draw text.\n";
        const string encoders = "Encoders:\n V..... = Video\n ------\n V....D libx264              libx264 H.264\n A..... aac                  AAC\n";

        Assert.Equal(["abench", "drawtext"], FfmpegInstallation.ParseNameTable(filters).Order());
        Assert.Equal(["aac", "libx264"], FfmpegInstallation.ParseNameTable(encoders).Order());
    }
}
