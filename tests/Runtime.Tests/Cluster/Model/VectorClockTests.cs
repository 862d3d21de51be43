using ActorStream.Runtime.Cluster.Model;

namespace ActorStream.Runtime.Tests.Cluster.Model;

public sealed class VectorClockTests
{
    [Fact]
    public void Empty_clocks_are_same()
    {
        Assert.Equal(VectorClockOrdering.Same, VectorClock.Empty.Compare(VectorClock.Empty));
    }

    [Fact]
    public void Increment_is_after_and_is_immutable()
    {
        var a = VectorClock.Empty.Increment("a");
        var b = a.Increment("a");
        Assert.Equal(1, a.Versions["a"]);
        Assert.Equal(2, b.Versions["a"]);
        Assert.Equal(VectorClockOrdering.Before, a.Compare(b));
        Assert.Equal(VectorClockOrdering.After, b.Compare(a));
        Assert.Equal(VectorClockOrdering.Before, VectorClock.Empty.Compare(a));
    }

    [Fact]
    public void Independent_increments_are_concurrent_and_merge_dominates_both()
    {
        var root = VectorClock.Empty.Increment("a");
        var x = root.Increment("a");
        var y = root.Increment("b");
        Assert.Equal(VectorClockOrdering.Concurrent, x.Compare(y));
        Assert.Equal(VectorClockOrdering.Concurrent, y.Compare(x));
        var merged = x.Merge(y);
        Assert.Equal(2, merged.Versions["a"]);
        Assert.Equal(1, merged.Versions["b"]);
        Assert.Equal(VectorClockOrdering.After, merged.Compare(x));
        Assert.Equal(VectorClockOrdering.After, merged.Compare(y));
        Assert.Equal(VectorClockOrdering.Same, merged.Compare(y.Merge(x)));
    }

    [Fact]
    public void Missing_entries_count_as_zero()
    {
        var a = VectorClock.Create([new("a", 1), new("b", 0)]);
        var b = VectorClock.Create([new("a", 1)]);
        Assert.Equal(VectorClockOrdering.Same, a.Compare(b));
        Assert.Equal(VectorClockOrdering.Before, b.Compare(VectorClock.Create([new("a", 1), new("c", 1)])));
    }

    [Fact]
    public void Prune_removes_a_node_entry()
    {
        var c = VectorClock.Empty.Increment("a").Increment("b").Prune("a");
        Assert.False(c.Versions.ContainsKey("a"));
        Assert.Equal(1, c.Versions["b"]);
    }
}
