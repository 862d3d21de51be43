using ActorStream.Runtime.Cluster.Model;
using static ActorStream.Runtime.Tests.Cluster.Model.Nodes;

namespace ActorStream.Runtime.Tests.Cluster.Model;

public sealed class ReachabilityTests
{
    private static readonly UniqueAddress A = Node(1), B = Node(2), C = Node(3), D = Node(4);

    [Fact]
    public void Empty_is_all_reachable()
    {
        Assert.True(Reachability.Empty.IsAllReachable);
        Assert.True(Reachability.Empty.IsReachable(A));
        Assert.Empty(Reachability.Empty.AllUnreachable);
    }

    [Fact]
    public void Unreachable_marks_subject_and_bumps_observer_version()
    {
        var r = Reachability.Empty.Unreachable(A, B);
        Assert.False(r.IsReachable(B));
        Assert.True(r.IsReachable(C));
        Assert.False(r.IsAllReachable);
        Assert.Equal([B], r.AllUnreachable);
        Assert.Equal([B], r.AllUnreachableFrom(A));
        Assert.Empty(r.AllUnreachableFrom(C));
        Assert.Equal(1, r.Versions[A]);
        Assert.Same(r, r.Unreachable(A, B));
    }

    [Fact]
    public void Reachable_again_prunes_the_observer_rows_but_keeps_its_version()
    {
        var r = Reachability.Empty.Unreachable(A, B).Unreachable(A, C);
        var r2 = r.Reachable(A, B);
        Assert.True(r2.IsReachable(B));
        Assert.False(r2.IsReachable(C));
        var r3 = r2.Reachable(A, C);
        Assert.True(r3.IsAllReachable);
        Assert.Empty(r3.Records);
        Assert.Equal(4, r3.Versions[A]);
    }

    [Fact]
    public void Reachable_without_any_record_changes_nothing()
    {
        Assert.Same(Reachability.Empty, Reachability.Empty.Reachable(A, B));
    }

    [Fact]
    public void Terminated_is_final_and_wins_over_unreachable()
    {
        var r = Reachability.Empty.Unreachable(A, B).Terminated(C, B);
        Assert.Equal(ReachabilityStatus.Terminated, r.Status(B));
        Assert.Same(r, r.Reachable(C, B));
        Assert.Empty(r.AllUnreachable);
        Assert.Equal([B], r.AllUnreachableOrTerminated);
    }

    [Fact]
    public void Any_observer_saying_unreachable_makes_the_subject_unreachable()
    {
        var r = Reachability.Empty.Unreachable(A, C).Unreachable(B, C).Reachable(A, C);
        Assert.False(r.IsReachable(C));
        Assert.True(r.IsReachable(A, C));
        Assert.False(r.IsReachable(B, C));
        Assert.Equal([B], r.ObserversGroupedByUnreachable[C]);
    }

    [Fact]
    public void Merge_keeps_rows_of_the_higher_observer_version()
    {
        var old = Reachability.Empty.Unreachable(A, B);          // A v1: B unreachable
        var newer = old.Reachable(A, B).Unreachable(A, C);       // A v3: C unreachable
        var fromB = Reachability.Empty.Unreachable(B, D);        // B v1
        HashSet<UniqueAddress> all = [A, B, C, D];
        var merged = old.Merge(all, newer.Merge(all, fromB));
        Assert.True(merged.IsReachable(B));
        Assert.False(merged.IsReachable(C));
        Assert.False(merged.IsReachable(D));
        Assert.Equal(3, merged.Versions[A]);
        Assert.Equal(1, merged.Versions[B]);
        // Symmetric.
        var other = newer.Merge(all, fromB).Merge(all, old);
        Assert.Equal(merged.AllUnreachable.Order(), other.AllUnreachable.Order());
    }

    [Fact]
    public void Merge_drops_observers_and_subjects_not_allowed()
    {
        var r = Reachability.Empty.Unreachable(A, B).Unreachable(C, D).Unreachable(A, D);
        var merged = r.Merge(new HashSet<UniqueAddress> { A, B }, Reachability.Empty);
        Assert.Equal([B], merged.AllUnreachable);
        Assert.False(merged.Versions.ContainsKey(C));
    }

    [Fact]
    public void Remove_forgets_nodes_as_observer_and_subject()
    {
        var r = Reachability.Empty.Unreachable(A, B).Unreachable(B, C).Unreachable(C, D).Remove([B]);
        Assert.True(r.IsReachable(B));
        Assert.True(r.IsReachable(C));
        Assert.False(r.IsReachable(D));
        Assert.False(r.Versions.ContainsKey(B));
    }
}
