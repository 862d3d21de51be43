using System.Globalization;
using System.Text.RegularExpressions;
using ActorStream.EndToEnd.Tests.Support;
using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests;

/// <summary>`actorstream demo`: real seed and viewer processes started by the demo itself, a summary, a clean stop.</summary>
public sealed partial class DemoCommandTests
{
    /// <summary>Start (up to a minute on a busy box), 10 s shown, stop (SIGTERM and the cluster leave).</summary>
    private static readonly TimeSpan DemoTimeout = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task Demo_for_10_s_exits_0_with_a_viewer_on_each_of_two_stations_over_200_frames_latency_under_a_second_and_leaves_nothing_running()
    {
        var ct = TestContext.Current.CancellationToken;

        // No certificate given: the demo makes one of its own for its nodes. No browser is opened on a test's desktop.
        var environment = new Dictionary<string, string> { ["ACTORSTREAM_DEMO__OPEN_CONSOLE"] = "off" };
        var (code, stdout, stderr) = await NodeProcess.RunAsync(environment, DemoTimeout, ct, "demo", "--duration", "10");

        Assert.True(code == 0, $"demo exited {code}; stderr: {Tail(stderr)}; stdout: {Tail(stdout)}");
        var lines = stdout.Split('\n');
        // Multicast on loopback, or a one-line reason and unicast: either way the demo says which.
        Assert.Contains(lines, l => l.StartsWith("demo: the stations stream to their multicast groups", StringComparison.Ordinal)
            || Regex.IsMatch(l, @"^demo: multicast does not work on loopback here \(.+\): streaming unicast$"));
        var viewers = lines.Where(l => l.StartsWith("viewer id ", StringComparison.Ordinal)).Select(Pairs).ToList();
        Assert.Equal(2, viewers.Count);
        Assert.All(viewers, v => Assert.True(long.Parse(v["frames"], CultureInfo.InvariantCulture) > 200, $"viewer {v["id"]}: {v["frames"]} frames"));
        Assert.Equal(2, viewers.Select(v => v["node"]).Distinct().Count());
        // Two stations, each received: viewer 1 watches main, viewer 2 bars.
        Assert.Equal(["bars", "main"], viewers.Select(v => v["station"]).Order(StringComparer.Ordinal));
        // Capture to arrival on loopback: measured, so positive, and well under a second.
        Assert.All(viewers, v =>
        {
            var p50 = double.Parse(v["latency_p50_ms"], CultureInfo.InvariantCulture);
            var p99 = double.Parse(v["latency_p99_ms"], CultureInfo.InvariantCulture);
            Assert.True(p50 > 0 && p99 >= p50 && p99 < 1000, $"viewer {v["id"]}: latency p50 {p50} ms, p99 {p99} ms");
        });
        var stations = lines.Where(l => l.StartsWith("station name ", StringComparison.Ordinal)).Select(Pairs).ToList();
        Assert.Equal(["bars", "main"], stations.Select(s => s["name"]).Order(StringComparer.Ordinal));
        Assert.All(stations, s =>
        {
            Assert.True(long.Parse(s["frames"], CultureInfo.InvariantCulture) > 200, $"station {s["name"]}: {s["frames"]} frames encoded");
            Assert.True(s["viewers"] == "1", $"station {s["name"]}: {s["viewers"]} viewers reporting");
        });
        // Each station's size as the demo announced it (the seed lists it), and a player hint for each multicast one.
        Assert.Contains(lines, l => l.StartsWith("demo: station main: testsrc 640x360, ", StringComparison.Ordinal));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^demo: web console: http://127\.0\.0\.1:\d+/ .*password [0-9a-f]{16}"));
        Assert.Contains(lines, l => l.StartsWith("demo: station bars: testsrc:smptebars 480x270, ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l == "summary seconds 10.0 viewers 2" || Regex.IsMatch(l, @"^summary seconds 1\d\.\d viewers 2$"));

        var stopped = lines.Single(l => l.StartsWith("demo: stopped ", StringComparison.Ordinal));
        var pids = Pid().Matches(stopped).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, pids.Count);
        Assert.All(pids, pid => Assert.False(ProcessTree.IsRunning(pid), $"pid {pid} still runs"));
    }

    [Fact]
    public async Task A_seed_that_dies_at_start_makes_the_demo_exit_1_naming_it_with_its_stderr()
    {
        var ct = TestContext.Current.CancellationToken;
        // The demo sets the seed's source by flag; the ffmpeg path comes from the environment the children inherit.
        var environment = new Dictionary<string, string> { ["ACTORSTREAM_FFMPEG__PATH"] = "/nonexistent/demo-ffmpeg" };

        var (code, _, stderr) = await NodeProcess.RunAsync(environment, DemoTimeout, ct, "demo", "--duration", "5");

        Assert.Equal(1, code);
        Assert.Matches(@"seed \(pid \d+\) exited with code 1", stderr);
        Assert.Contains("/nonexistent/demo-ffmpeg", stderr, StringComparison.Ordinal);
    }

    /// <summary>`kind key value key value ...` → the pairs.</summary>
    private static Dictionary<string, string> Pairs(string line)
    {
        var tokens = line.Trim().Split(' ');
        Assert.True(tokens.Length % 2 == 1, line);
        return Enumerable.Range(0, tokens.Length / 2).ToDictionary(i => tokens[1 + 2 * i], i => tokens[2 + 2 * i]);
    }

    private static string Tail(string text) => text.Length > 3000 ? text[^3000..] : text;

    [GeneratedRegex(@"\(pid (\d+)\)")]
    private static partial Regex Pid();
}
