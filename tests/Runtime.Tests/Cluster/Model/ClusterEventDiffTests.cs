using ActorStream.Runtime.Cluster.Model;
using static ActorStream.Runtime.Tests.Cluster.Model.Nodes;

namespace ActorStream.Runtime.Tests.Cluster.Model;

public sealed class ClusterEventDiffTests
{
    private static readonly UniqueAddress A = Node(1), B = Node(2), C = Node(3);

    [Fact]
    public void New_and_changed_members_give_status_events()
    {
        var old = Gossip.Create([M(A, MemberStatus.Up, 1), Member.Create(B, [])]);
        var next = Gossip.Create([M(A, MemberStatus.Leaving, 1), M(B, MemberStatus.Up, 2), Member.Create(C, [])]);
        var events = ClusterEventDiff.DiffMemberEvents(old, next);
        Assert.Equal(3, events.Count);
        Assert.Equal(A, Assert.IsType<MemberLeft>(events[0]).Member.UniqueAddress);
        Assert.Equal(B, Assert.IsType<MemberUp>(events[1]).Member.UniqueAddress);
        Assert.Equal(C, Assert.IsType<MemberJoined>(events[2]).Member.UniqueAddress);
    }

    [Fact]
    public void Exiting_and_down_give_exited_and_downed()
    {
        var old = Gossip.Create([M(A, MemberStatus.Leaving, 1), M(B, MemberStatus.Up, 2)]);
        var next = Gossip.Create([M(A, MemberStatus.Exiting, 1), M(B, MemberStatus.Down, 2)]);
        var events = ClusterEventDiff.DiffMemberEvents(old, next);
        Assert.IsType<MemberExited>(events[0]);
        Assert.IsType<MemberDowned>(events[1]);
    }

    [Fact]
    public void Removed_members_give_member_removed_with_previous_status_first()
    {
        var old = Gossip.Create([M(A, MemberStatus.Up, 1), M(B, MemberStatus.Down, 2), Member.Create(C, [])]);
        var next = old.Remove(B, 0).Update(M(C, MemberStatus.Up, 3));
        var events = ClusterEventDiff.DiffMemberEvents(old, next);
        var removed = Assert.IsType<MemberRemoved>(events[0]);
        Assert.Equal(B, removed.Member.UniqueAddress);
        Assert.Equal(MemberStatus.Removed, removed.Member.Status);
        Assert.Equal(MemberStatus.Down, removed.PreviousStatus);
        Assert.IsType<MemberUp>(events[1]);
        Assert.Equal(2, events.Count);
    }

    [Fact]
    public void Unchanged_gossip_gives_no_events()
    {
        var g = Gossip.Create([M(A, MemberStatus.Up, 1)]);
        Assert.Empty(ClusterEventDiff.Diff(g, g.Seen(A), A));
    }

    [Fact]
    public void Reachability_changes_give_unreachable_then_reachable_but_never_for_self()
    {
        var g = Gossip.Create([M(A, MemberStatus.Up, 1), M(B, MemberStatus.Up, 2), M(C, MemberStatus.Up, 3)]);
        var r = Reachability.Empty.Unreachable(A, B).Unreachable(B, A);
        var unreachable = g.WithReachability(r);
        var events = ClusterEventDiff.DiffReachability(g, unreachable, A);
        Assert.Equal(B, Assert.IsType<UnreachableMember>(Assert.Single(events)).Member.UniqueAddress);
        var back = unreachable.WithReachability(r.Reachable(A, B));
        Assert.Equal(B, Assert.IsType<ReachableMember>(Assert.Single(ClusterEventDiff.DiffReachability(unreachable, back, A))).Member.UniqueAddress);
    }

    [Fact]
    public void Leader_change_is_reported_once()
    {
        var g = Gossip.Create([M(A, MemberStatus.Up, 1), M(B, MemberStatus.Up, 2)]);
        var next = g.Update(M(A, MemberStatus.Down, 1));
        Assert.Equal(B, ClusterEventDiff.DiffLeader(g, next, B)!.Leader);
        Assert.Null(ClusterEventDiff.DiffLeader(next, next.Seen(B), B));
    }
}
