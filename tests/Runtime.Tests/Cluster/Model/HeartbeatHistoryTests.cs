using ActorStream.Runtime.Cluster.Model;

namespace ActorStream.Runtime.Tests.Cluster.Model;

public sealed class HeartbeatHistoryTests
{
    [Fact]
    public void Mean_variance_and_std_deviation()
    {
        var h = HeartbeatHistory.Create(10).Add(100).Add(200).Add(300);
        Assert.Equal(200, h.Mean, 9);
        Assert.Equal(20000.0 / 3, h.Variance, 6);   // ((-100)² + 0 + 100²) / 3
        Assert.Equal(Math.Sqrt(20000.0 / 3), h.StdDeviation, 6);
    }

    [Fact]
    public void Oldest_interval_is_dropped_when_full()
    {
        var h = HeartbeatHistory.Create(2).Add(1000).Add(100).Add(300);
        Assert.Equal(2, h.Count);
        Assert.Equal(200, h.Mean, 9);
        Assert.Equal([100L, 300L], h.Intervals);
    }
}
