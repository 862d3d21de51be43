using ActorStream.Media.Measurement;

namespace ActorStream.Media.Tests.Measurement;

public sealed class LatencyWindowTests
{
    private static readonly DateTime T0 = new(2026, 11, 21, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Samples_older_than_the_window_are_evicted()
    {
        var window = new LatencyWindow(TimeSpan.FromSeconds(10));
        window.Add(T0, 100);
        window.Add(T0.AddSeconds(5), 50);
        window.Add(T0.AddSeconds(9), 10);

        Assert.Equal(new LatencySummary(50, 100, 100, 3), window.Summarize(T0.AddSeconds(10)));

        // At 10.5 s the first (T0) is older than 10 s: only 50 and 10 remain.
        Assert.Equal(new LatencySummary(10, 50, 50, 2), window.Summarize(T0.AddSeconds(10.5)));
        Assert.Equal(2, window.Count);

        Assert.Equal(LatencySummary.Empty, window.Summarize(T0.AddSeconds(30)));
        Assert.Equal(0, window.Count);
    }

    [Fact]
    public void Percentiles_of_a_hand_computed_list()
    {
        var window = new LatencyWindow(TimeSpan.FromSeconds(10));
        // 1..200 ms in a shuffled order: p50 = 100, p95 = 190, p99 = 198.
        var rng = new Random(5);
        foreach (var v in Enumerable.Range(1, 200).OrderBy(_ => rng.Next()))
        {
            window.Add(T0, v);
        }

        Assert.Equal(new LatencySummary(100, 190, 198, 200), window.Summarize(T0.AddSeconds(1)));
    }

    [Fact]
    public void Capacity_bounds_the_count_and_drops_the_oldest()
    {
        var window = new LatencyWindow(TimeSpan.FromSeconds(10), capacity: 3);
        window.Add(T0, 1000);
        window.Add(T0, 1);
        window.Add(T0, 2);
        window.Add(T0, 3);

        Assert.Equal(3, window.Count);
        // 1000 went first: max is 3.
        Assert.Equal(3, window.Summarize(T0).P99);
    }

    [Fact]
    public void Not_finite_samples_are_ignored()
    {
        var window = new LatencyWindow(TimeSpan.FromSeconds(10));
        Assert.False(window.Add(T0, double.NaN));
        Assert.False(window.Add(T0, double.PositiveInfinity));
        Assert.True(window.Add(T0, 4));
        Assert.Equal(1, window.Count);
    }

    [Fact]
    public void Copy_values_pools_windows()
    {
        var a = new LatencyWindow(TimeSpan.FromSeconds(10));
        var b = new LatencyWindow(TimeSpan.FromSeconds(10));
        a.Add(T0, 1);
        a.Add(T0, 3);
        b.Add(T0, 2);
        var pooled = new List<double>();
        a.CopyValuesTo(pooled);
        b.CopyValuesTo(pooled);
        Assert.Equal(new LatencySummary(2, 3, 3, 3), Percentiles.Summarize(pooled.ToArray()));
    }
}
