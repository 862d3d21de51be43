using ActorStream.EndToEnd.Tests.Support;

namespace ActorStream.EndToEnd.Tests;

/// <summary>The built executable's answers to bad input: exit codes 1 (explained failure) and 2 (bad usage).</summary>
public sealed class SeedCommandLineTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_missing_source_file_exits_1_naming_the_file()
    {
        var ct = TestContext.Current.CancellationToken;
        var (code, _, stderr) = await NodeProcess.RunAsync(Generous, ct, "seed", "--source", "file:/missing.mp4", "--duration", "5");

        Assert.Equal(1, code);
        Assert.Contains("/missing.mp4", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_flag_exits_2()
    {
        var ct = TestContext.Current.CancellationToken;
        var (code, _, stderr) = await NodeProcess.RunAsync(Generous, ct, "seed", "--bogus");

        Assert.Equal(2, code);
        Assert.Contains("--bogus", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_size_exits_2()
    {
        var ct = TestContext.Current.CancellationToken;
        var (code, _, stderr) = await NodeProcess.RunAsync(Generous, ct, "seed", "--size", "big");

        Assert.Equal(2, code);
        Assert.Contains("--size", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsupported_destination_scheme_is_refused_with_a_clear_message()
    {
        var ct = TestContext.Current.CancellationToken;
        var (code, _, stderr) = await NodeProcess.RunAsync(Generous, ct, "seed", "--dest", "ftp://x", "--duration", "5");

        Assert.True(code is 1 or 2, $"exit code {code}");
        Assert.Contains("ftp", stderr, StringComparison.Ordinal);
        Assert.Contains("scheme", stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_config_file_with_a_syntax_error_exits_1_with_file_line_and_column()
    {
        var ct = TestContext.Current.CancellationToken;
        var file = Path.Combine(Path.GetTempPath(), $"actorstream-bad-{Guid.NewGuid():N}.conf");
        await File.WriteAllTextAsync(file, "actorstream {\n  station {\n    fps = 30\n    width = = 5\n", ct);
        try
        {
            var (code, _, stderr) = await NodeProcess.RunAsync(Generous, ct, "seed", "--config", file, "--duration", "5");

            Assert.Equal(1, code);
            Assert.Matches(System.Text.RegularExpressions.Regex.Escape(file) + @":\d+:\d+", stderr);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Config_prints_the_effective_settings_with_the_config_file_applied()
    {
        var ct = TestContext.Current.CancellationToken;
        var file = Path.Combine(Path.GetTempPath(), $"actorstream-good-{Guid.NewGuid():N}.conf");
        await File.WriteAllTextAsync(file, "actorstream.station.fps = 17\n", ct);
        try
        {
            var (code, stdout, stderr) = await NodeProcess.RunAsync(Generous, ct, "config", "--config", file);

            Assert.True(code == 0, stderr);
            Assert.Contains("fps", stdout, StringComparison.Ordinal);
            Assert.Contains("17", stdout, StringComparison.Ordinal);
            Assert.Contains("bitrate-kbps", stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
