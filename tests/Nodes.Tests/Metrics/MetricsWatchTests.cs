using System.Text.Json;
using ActorStream.Messages.Metrics;
using ActorStream.Nodes.Control;
using ActorStream.Nodes.Metrics;

namespace ActorStream.Nodes.Tests.Metrics;

/// <summary>The refresh loop: JSON lines, plain tables, --count, stopping, and a failed ask.</summary>
public sealed class MetricsWatchTests
{
    private static readonly TimeSpan Fast = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task Json_mode_writes_one_camel_case_object_per_refresh_and_stops_after_count()
    {
        var asks = 0;
        var watch = new MetricsWatch(_ =>
        {
            asks++;
            return Task.FromResult(SampleSnapshots.Typical());
        }, MetricsDisplayMode.Json, Fast, count: 3);
        var output = new StringWriter();

        var last = await watch.RunAsync(output, TestContext.Current.CancellationToken);

        Assert.Equal(3, asks);
        Assert.NotNull(last);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        using var json = JsonDocument.Parse(lines[0]);
        Assert.Equal(2, json.RootElement.GetProperty("viewers").GetArrayLength());
        Assert.Equal("127.0.0.1-4100-aa", json.RootElement.GetProperty("viewers")[0].GetProperty("viewerId").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("viewers")[1].GetProperty("latencyP50Ms").ValueKind);
        Assert.Equal(SampleSnapshots.Typical().Viewers[0], MetricsJson.Parse(lines[0])!.Viewers[0]);
    }

    [Fact]
    public async Task Plain_mode_writes_tables_each_refresh()
    {
        var watch = new MetricsWatch(_ => Task.FromResult(SampleSnapshots.Typical()), MetricsDisplayMode.Plain, Fast, count: 2);
        var output = new StringWriter();

        await watch.RunAsync(output, TestContext.Current.CancellationToken);

        var text = output.ToString();
        Assert.Equal(2, text.Split("Viewers (2)").Length - 1);
        Assert.Contains("2 viewer(s)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_count_it_runs_until_stopped_and_returns_the_last_snapshot()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var asks = 0;
        var watch = new MetricsWatch(_ =>
        {
            if (++asks == 5)
            {
                stop.Cancel();
            }

            return Task.FromResult(SampleSnapshots.Empty() with { AtUtc = SampleSnapshots.At.AddSeconds(asks) });
        }, MetricsDisplayMode.Json, Fast, count: null);

        var last = await watch.RunAsync(new StringWriter(), stop.Token);

        Assert.Equal(5, asks);
        Assert.Equal(SampleSnapshots.At.AddSeconds(5), last!.AtUtc);
    }

    [Fact]
    public async Task A_failed_ask_ends_the_watch_with_its_error()
    {
        var watch = new MetricsWatch(_ => Task.FromException<MetricsSnapshot>(new ControlException("no answer")), MetricsDisplayMode.Json, Fast, 3);

        await Assert.ThrowsAsync<ControlException>(() => watch.RunAsync(new StringWriter(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Count_and_interval_must_be_positive()
    {
        Task<MetricsSnapshot> Ask(CancellationToken _) => Task.FromResult(SampleSnapshots.Empty());
        Assert.Throws<ArgumentOutOfRangeException>(() => new MetricsWatch(Ask, MetricsDisplayMode.Json, TimeSpan.Zero, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MetricsWatch(Ask, MetricsDisplayMode.Json, Fast, 0));
    }
}
