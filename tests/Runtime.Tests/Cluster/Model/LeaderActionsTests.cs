using ActorStream.Runtime.Cluster.Model;
using static ActorStream.Runtime.Tests.Cluster.Model.Nodes;

namespace ActorStream.Runtime.Tests.Cluster.Model;

public sealed class LeaderActionsTests
{
    private static readonly UniqueAddress A = Node(1), B = Node(2), C = Node(3), D = Node(4);

    [Fact]
    public void Joining_members_move_up_with_increasing_up_numbers_after_the_youngest()
    {
        var g = Gossip.Create([M(A, MemberStatus.Up, 3), Member.Create(B, []), Member.Create(C, [])]).Seen(A);
        var result = LeaderActions.OnConvergence(g, A, nowMs: 0);
        Assert.True(result.HasChanges);
        Assert.Equal([4, 5], result.Upped.Select(m => m.UpNumber));
        Assert.Equal(MemberStatus.Up, result.Gossip.GetMember(B).Status);
        Assert.Equal(5, result.Gossip.GetMember(C).UpNumber);
        Assert.True(result.Gossip.Version.IsAfter(g.Version));
        Assert.Equal([A], result.Gossip.Overview.Seen);
    }

    [Fact]
    public void First_node_gets_up_number_one()
    {
        var result = LeaderActions.OnConvergence(Gossip.Create([Member.Create(A, [])]), A, 0);
        Assert.Equal(1, result.Gossip.GetMember(A).UpNumber);
        Assert.Equal(MemberStatus.Up, result.Gossip.GetMember(A).Status);
    }

    [Fact]
    public void Joining_waits_for_min_nr_of_members()
    {
        var g = Gossip.Create([Member.Create(A, []), Member.Create(B, [])]);
        Assert.False(LeaderActions.OnConvergence(g, A, 0, minNrOfMembers: 3).HasChanges);
        Assert.Equal(2, LeaderActions.OnConvergence(g, A, 0, minNrOfMembers: 2).Upped.Count);
    }

    [Fact]
    public void Leaving_moves_to_exiting_and_confirmed_or_unreachable_exiting_is_removed()
    {
        var g = Gossip.Create([M(A, MemberStatus.Up, 1), M(B, MemberStatus.Leaving, 2), M(C, MemberStatus.Exiting, 3), M(D, MemberStatus.Exiting, 4)]);
        var stay = LeaderActions.OnConvergence(g, A, 0);
        Assert.Equal([B], stay.Exiting.Select(m => m.UniqueAddress));
        Assert.Empty(stay.Removed);
        Assert.Equal(MemberStatus.Exiting, stay.Gossip.GetMember(C).Status);

        var go = LeaderActions.OnConvergence(g.WithReachability(Reachability.Empty.Unreachable(A, D)), A, 0, exitingConfirmed: new HashSet<UniqueAddress> { C });
        Assert.Equal([C, D], go.Removed.Select(m => m.UniqueAddress));
        Assert.False(go.Gossip.HasMember(C));
        Assert.False(go.Gossip.HasMember(D));
    }

    [Fact]
    public void Down_members_are_removed_and_tombstoned()
    {
        var g = Gossip.Create([M(A, MemberStatus.Up, 1), M(B, MemberStatus.Down, 2), M(C, MemberStatus.Up, 3)])
            .WithReachability(Reachability.Empty.Unreachable(A, B));
        var result = LeaderActions.OnConvergence(g, A, nowMs: 42);
        Assert.Equal([B], result.Removed.Select(m => m.UniqueAddress));
        Assert.Equal(MemberStatus.Down, result.Removed[0].Status);
        Assert.False(result.Gossip.HasMember(B));
        Assert.Equal(42, result.Gossip.Tombstones[B]);
        Assert.True(result.Gossip.Reachability.IsAllReachable);
    }

    [Fact]
    public void Nothing_to_do_returns_the_same_gossip()
    {
        var g = Gossip.Create([M(A, MemberStatus.Up, 1), M(B, MemberStatus.Up, 2)]);
        var result = LeaderActions.OnConvergence(g, A, 0);
        Assert.False(result.HasChanges);
        Assert.Same(g, result.Gossip);
    }
}
