using ActorStream.Nodes.Demo;
using ActorStream.Nodes.Tests.Metrics;

namespace ActorStream.Nodes.Tests.Demo;

/// <summary>The demo's closing lines: `kind key value ...`, one token per value, stable keys.</summary>
public sealed class DemoSummaryTests
{
    [Fact]
    public void One_line_per_viewer_and_station_as_key_value_pairs()
    {
        var lines = DemoSummary.Lines(SampleSnapshots.Typical(), TimeSpan.FromSeconds(10.04), _ => true);

        Assert.Equal("summary seconds 10.0 viewers 2", lines[0]);
        var viewers = lines.Where(l => l.StartsWith("viewer ", StringComparison.Ordinal)).Select(Pairs).ToList();
        Assert.Equal(2, viewers.Count);
        var first = viewers.Single(v => v["id"] == "127.0.0.1-4100-aa");
        Assert.Equal("127.0.0.1:4100", first["node"]);
        Assert.Equal("301", first["frames"]);
        Assert.Equal("30.0", first["fps"]);
        Assert.Equal("0.25", first["loss_pct"]);
        Assert.Equal("1.25", first["jitter_ms"]);
        Assert.Equal(("45.0", "60.0", "70.5"), (first["latency_p50_ms"], first["latency_p95_ms"], first["latency_p99_ms"]));
        Assert.Equal("2", first["frame_gaps"]);
        // Whitespace inside a value never splits it; an unknown figure is "-".
        var second = viewers.Single(v => v["id"] != "127.0.0.1-4100-aa");
        Assert.Equal("we\"ird\\id_x", second["id"]);
        Assert.Equal("-", second["latency_p50_ms"]);
        var station = Pairs(lines.Single(l => l.StartsWith("station ", StringComparison.Ordinal)));
        Assert.Equal(("main", "320", "30.0", "2.60", "4", "1"),
            (station["name"], station["frames"], station["fps"], station["mbit_s"], station["drops"], station["encoder_restarts"]));
    }

    [Fact]
    public void Only_the_viewers_asked_for_are_summed_up()
    {
        var lines = DemoSummary.Lines(SampleSnapshots.Typical(), TimeSpan.FromSeconds(1), v => v.NodeAddress.EndsWith(":4101", StringComparison.Ordinal));

        Assert.Single(lines, l => l.StartsWith("viewer ", StringComparison.Ordinal));
        Assert.Equal("summary seconds 1.0 viewers 1", lines[0]);
    }

    /// <summary>The kind word, then pairs; fails on an odd count, which a broken line would give.</summary>
    private static Dictionary<string, string> Pairs(string line)
    {
        var tokens = line.Split(' ');
        Assert.True(tokens.Length % 2 == 1, line);
        return Enumerable.Range(0, tokens.Length / 2).ToDictionary(i => tokens[1 + 2 * i], i => tokens[2 + 2 * i]);
    }
}
