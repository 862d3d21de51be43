using ActorStream.Runtime.Cluster.Model;
using static ActorStream.Runtime.Tests.Cluster.Model.Nodes;

namespace ActorStream.Runtime.Tests.Cluster.Model;

public sealed class GossipTests
{
    private static readonly UniqueAddress A = Node(1), B = Node(2), C = Node(3), D = Node(4);

    [Fact]
    public void Members_are_sorted_by_address_and_update_replaces_a_view()
    {
        var g = Gossip.Create([M(C, MemberStatus.Up, 1), M(A, MemberStatus.Up, 2)]).Update(M(C, MemberStatus.Leaving, 1)).Update(M(B, MemberStatus.Joining, int.MaxValue));
        Assert.Equal([A, B, C], g.Members.Select(m => m.UniqueAddress));
        Assert.Equal(MemberStatus.Leaving, g.GetMember(C).Status);
        Assert.False(g.HasMember(D));
    }

    [Fact]
    public void Merge_unions_members_and_keeps_the_highest_priority_status()
    {
        var g1 = Gossip.Create([M(A, MemberStatus.Up, 1), M(B, MemberStatus.Up, 2), M(C, MemberStatus.Joining, int.MaxValue)]);
        var g2 = Gossip.Create([M(A, MemberStatus.Up, 1), M(B, MemberStatus.Down, 2), M(C, MemberStatus.Up, 3), M(D, MemberStatus.Joining, int.MaxValue)]);
        var merged = g1.Merge(g2);
        Assert.Equal([A, B, C, D], merged.Members.Select(m => m.UniqueAddress));
        Assert.Equal(MemberStatus.Down, merged.GetMember(B).Status);
        Assert.Equal(MemberStatus.Up, merged.GetMember(C).Status);
        Assert.Equal(MemberStatus.Joining, merged.GetMember(D).Status);
        Assert.Equal(MemberStatus.Down, g2.Merge(g1).GetMember(B).Status);
    }

    [Fact]
    public void Merge_of_same_status_keeps_the_older_view()
    {
        var merged = Gossip.Create([M(A, MemberStatus.Up, 4)]).Merge(Gossip.Create([M(A, MemberStatus.Up, 2)]));
        Assert.Equal(2, merged.GetMember(A).UpNumber);
    }

    [Fact]
    public void Merge_merges_versions_and_resets_seen()
    {
        var root = Gossip.Create([M(A, MemberStatus.Up, 1), M(B, MemberStatus.Up, 2)]).Increment(A);
        var g1 = root.Increment(A).OnlySeen(A);
        var g2 = root.Increment(B).OnlySeen(B);
        Assert.Equal(VectorClockOrdering.Concurrent, g1.Version.Compare(g2.Version));
        var merged = g1.Merge(g2);
        Assert.Equal(VectorClockOrdering.After, merged.Version.Compare(g1.Version));
        Assert.Equal(VectorClockOrdering.After, merged.Version.Compare(g2.Version));
        Assert.Empty(merged.Overview.Seen);
        Assert.True(merged.Seen(A).SeenByNode(A));
        Assert.False(merged.Seen(A).SeenByNode(B));
    }

    [Fact]
    public void Merge_merges_reachability()
    {
        var members = new[] { M(A, MemberStatus.Up, 1), M(B, MemberStatus.Up, 2), M(C, MemberStatus.Up, 3) };
        var g1 = Gossip.Create(members).WithReachability(Reachability.Empty.Unreachable(A, C));
        var g2 = Gossip.Create(members).WithReachability(Reachability.Empty.Unreachable(B, C));
        var merged = g1.Merge(g2);
        Assert.Equal(2, merged.Reachability.ObserversGroupedByUnreachable[C].Count);
    }

    [Fact]
    public void Removed_member_is_tombstoned_and_not_resurrected_by_an_old_gossip()
    {
        var old = Gossip.Create([M(A, MemberStatus.Up, 1), M(B, MemberStatus.Up, 2)]).Increment(A).Increment(B);
        var removed = old.WithReachability(Reachability.Empty.Unreachable(A, B)).Remove(B, nowMs: 1000);
        Assert.False(removed.HasMember(B));
        Assert.True(removed.IsTombstoned(B));
        Assert.False(removed.Version.Versions.ContainsKey(Gossip.VclockName(B)));
        Assert.True(removed.Reachability.IsAllReachable);
        var merged = removed.Merge(old);
        Assert.False(merged.HasMember(B));
        Assert.False(old.Merge(removed).HasMember(B));
        Assert.False(merged.Version.Versions.ContainsKey(Gossip.VclockName(B)));
        Assert.False(merged.PruneTombstones(1001).IsTombstoned(B));
        Assert.True(merged.PruneTombstones(1000).IsTombstoned(B));
    }

    [Fact]
    public void Converged_when_all_up_and_leaving_members_have_seen()
    {
        var g = Gossip.Create([M(A, MemberStatus.Up, 1), M(B, MemberStatus.Leaving, 2), M(C, MemberStatus.Joining, int.MaxValue)]);
        Assert.False(g.Seen(A).Converged(A));
        Assert.True(g.Seen(A).Seen(B).Converged(A));   // Joining C need not have seen
    }

    [Fact]
    public void Unreachable_up_member_blocks_convergence_but_down_and_exiting_do_not()
    {
        var g = Gossip.Create([M(A, MemberStatus.Up, 1), M(B, MemberStatus.Up, 2), M(C, MemberStatus.Up, 3)]).Seen(A).Seen(B).Seen(C);
        Assert.True(g.Converged(A));
        var unreachable = g.WithReachability(Reachability.Empty.Unreachable(A, C));
        Assert.False(unreachable.Converged(A));
        Assert.True(unreachable.Update(M(C, MemberStatus.Down, 3)).Converged(A));
        Assert.True(unreachable.Update(M(C, MemberStatus.Exiting, 3)).Converged(A));
    }

    [Fact]
    public void Observations_of_down_members_are_ignored_for_convergence()
    {
        var g = Gossip.Create([M(A, MemberStatus.Up, 1), M(B, MemberStatus.Up, 2), M(C, MemberStatus.Down, 3)]).Seen(A).Seen(B)
            .WithReachability(Reachability.Empty.Unreachable(C, B));
        Assert.True(g.Converged(A));
    }

    [Fact]
    public void Leader_is_the_first_reachable_up_or_leaving_member_by_address()
    {
        var g = Gossip.Create([M(A, MemberStatus.Joining, int.MaxValue), M(B, MemberStatus.Up, 5), M(C, MemberStatus.Up, 1)]);
        Assert.Equal(B, g.Leader(C));
        Assert.True(g.IsLeader(B));
        var bUnreachable = g.WithReachability(Reachability.Empty.Unreachable(C, B));
        Assert.Equal(C, bUnreachable.Leader(C));
        Assert.Equal(B, bUnreachable.Leader(B));   // self counts as reachable
        Assert.Equal(C, g.Update(M(B, MemberStatus.Down, 5)).Leader(C));
    }

    [Fact]
    public void Lone_joining_node_leads_itself()
    {
        var g = Gossip.Create([Member.Create(B, []), Member.Create(A, [])]);
        Assert.Equal(A, g.Leader(B));
        Assert.Null(Gossip.Empty.Leader(A));
    }

    [Fact]
    public void Role_leader_only_considers_members_with_the_role()
    {
        var g = Gossip.Create([M(A, MemberStatus.Up, 1, "viewer"), M(B, MemberStatus.Up, 2, "camera"), M(C, MemberStatus.Up, 3, "camera")]);
        Assert.Equal(B, g.Leader(A, "camera"));
        Assert.Equal(A, g.Leader(A, "viewer"));
        Assert.Null(g.Leader(A, "nope"));
        Assert.Equal(B, g.Oldest("camera")!.UniqueAddress);
    }
}
