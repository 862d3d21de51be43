using ActorStream.Runtime.Cluster.Model;
using static ActorStream.Runtime.Tests.Cluster.Model.Nodes;

namespace ActorStream.Runtime.Tests.Cluster.Model;

public sealed class StableAfterTrackerTests
{
    [Fact]
    public void Empty_set_is_never_stable()
    {
        var t = new StableAfterTracker(TimeSpan.FromSeconds(2));
        Assert.False(t.Observe(new HashSet<UniqueAddress>(), 0));
        Assert.False(t.Observe(new HashSet<UniqueAddress>(), 100_000));
    }

    [Fact]
    public void Unchanged_set_becomes_stable_after_the_duration()
    {
        var t = new StableAfterTracker(TimeSpan.FromSeconds(2));
        Assert.False(t.Observe(new HashSet<UniqueAddress> { Node(1) }, 1000));
        Assert.False(t.Observe(new HashSet<UniqueAddress> { Node(1) }, 2999));
        Assert.True(t.Observe(new HashSet<UniqueAddress> { Node(1) }, 3000));
    }

    [Fact]
    public void A_change_of_the_set_restarts_the_clock()
    {
        var t = new StableAfterTracker(TimeSpan.FromSeconds(2));
        t.Observe(new HashSet<UniqueAddress> { Node(1) }, 0);
        Assert.False(t.Observe(new HashSet<UniqueAddress> { Node(1), Node(2) }, 1500));
        Assert.False(t.Observe(new HashSet<UniqueAddress> { Node(1), Node(2) }, 3000));
        Assert.True(t.Observe(new HashSet<UniqueAddress> { Node(1), Node(2) }, 3500));
        t.Reset(3600);
        Assert.False(t.Observe(new HashSet<UniqueAddress> { Node(1), Node(2) }, 4000));
        Assert.True(t.Observe(new HashSet<UniqueAddress> { Node(2), Node(1) }, 5600));
    }
}
