using System.Diagnostics;
using ActorStream.Media.Ffmpeg;
using ActorStream.Media.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Media.Tests.Ffmpeg;

public sealed class FfmpegProcessTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);
    private readonly FfmpegInstallation _ffmpeg = FfmpegInstallation.Locate();

    // An ffmpeg that runs until told to stop: a real-time test pattern into the null muxer.
    private static readonly string[] Endless = ["-hide_banner", "-re", "-f", "lavfi", "-i", "testsrc2=size=64x48:rate=10", "-f", "null", "-"];

    [Fact]
    public async Task A_short_run_exits_with_code_zero()
    {
        await using var process = FfmpegProcess.Start(
            _ffmpeg.FfmpegPath, ["-hide_banner", "-f", "lavfi", "-i", "testsrc2=size=64x48:rate=10", "-t", "0.3", "-f", "null", "-"], NullLogger.Instance);

        var code = await process.Exited.WaitAsync(Generous, TestContext.Current.CancellationToken);

        Assert.Equal(0, code);
        Assert.True(process.Pid > 0);
    }

    [Fact]
    public async Task A_failure_is_reported_with_the_last_stderr_lines()
    {
        await using var process = FfmpegProcess.Start(
            _ffmpeg.FfmpegPath, ["-hide_banner", "-i", "/nonexistent/input file.mp4", "-f", "null", "-"], NullLogger.Instance);

        var code = await process.Exited.WaitAsync(Generous, TestContext.Current.CancellationToken);

        Assert.NotEqual(0, code);
        // The path arrived as one argument, spaces and all.
        Assert.Contains(process.StderrTail, l => l.Contains("/nonexistent/input file.mp4", StringComparison.Ordinal));
        Assert.Contains("No such file or directory", process.DescribeFailure(code), StringComparison.Ordinal);
        Assert.True(process.StderrTail.Count <= FfmpegProcess.StderrTailLines);
    }

    [Fact]
    public async Task Stop_sends_q_and_ffmpeg_ends_cleanly()
    {
        await using var process = FfmpegProcess.Start(_ffmpeg.FfmpegPath, Endless, NullLogger.Instance);

        var code = await process.StopAsync(TimeSpan.FromSeconds(10), stdinCarriesData: false, TestContext.Current.CancellationToken);

        Assert.Equal(0, code);
        Assert.False(ProcessProbe.IsRunning(process.Pid));
    }

    [Fact]
    public async Task Stop_falls_back_to_sigterm_when_q_is_ignored()
    {
        // -nostdin makes ffmpeg ignore the 'q', so only the signal can end it.
        await using var process = FfmpegProcess.Start(_ffmpeg.FfmpegPath, ["-nostdin", .. Endless], NullLogger.Instance);
        var clock = Stopwatch.StartNew();

        var code = await process.StopAsync(TimeSpan.FromSeconds(1), stdinCarriesData: false, TestContext.Current.CancellationToken);

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"ended after {clock.Elapsed}, before the grace period");
        Assert.NotEqual(0, code);
        Assert.False(ProcessProbe.IsRunning(process.Pid));
    }

    [Fact]
    public async Task Dispose_kills_a_running_process()
    {
        var process = FfmpegProcess.Start(_ffmpeg.FfmpegPath, Endless, NullLogger.Instance);
        var pid = process.Pid;
        Assert.True(ProcessProbe.IsRunning(pid));

        await process.DisposeAsync();

        Assert.False(ProcessProbe.IsRunning(pid));
        Assert.True(process.Exited.IsCompleted);
    }

    [Fact]
    public void A_missing_executable_is_a_setup_error_with_the_install_command()
    {
        var error = Assert.Throws<MediaSetupException>(() =>
            FfmpegProcess.Start("/nonexistent/bin/ffmpeg", ["-version"], NullLogger.Instance));

        Assert.Contains("/nonexistent/bin/ffmpeg", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y ffmpeg", error.Message, StringComparison.Ordinal);
    }
}
