using ActorStream.Runtime.Cluster.Model;

namespace ActorStream.Runtime.Tests.Cluster.Model;

public sealed class FailureDetectorRegistryTests
{
    private static FailureDetectorRegistry<string> Create() => new(() => new PhiAccrualFailureDetector(8, 100,
        TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(600), TimeSpan.FromMilliseconds(200)));

    [Fact]
    public void Unknown_node_is_available_and_not_monitored()
    {
        var r = Create();
        Assert.True(r.IsAvailable("a", 1_000_000));
        Assert.False(r.IsMonitoring("a"));
        Assert.Null(r.Get("a"));
    }

    [Fact]
    public void Each_node_has_its_own_detector()
    {
        var r = Create();
        for (long t = 0; t <= 2000; t += 200)
        {
            r.Heartbeat("a", t);
            if (t <= 400) r.Heartbeat("b", t);
        }
        Assert.True(r.IsMonitoring("a"));
        Assert.True(r.IsAvailable("a", 2100));
        Assert.False(r.IsAvailable("b", 2100));
        Assert.Equal(["a", "b"], r.Nodes.Order());
    }

    [Fact]
    public void Remove_forgets_a_node_and_a_new_heartbeat_starts_fresh()
    {
        var r = Create();
        r.Heartbeat("b", 0);
        r.Heartbeat("b", 200);
        Assert.False(r.IsAvailable("b", 10_000));
        r.Remove("b");
        Assert.True(r.IsAvailable("b", 10_000));
        r.Heartbeat("b", 10_000);
        Assert.True(r.IsAvailable("b", 10_200));
        r.Reset();
        Assert.Empty(r.Nodes);
    }
}
