using ActorStream.Runtime.Cluster.Model;
using static ActorStream.Runtime.Tests.Cluster.Model.Nodes;

namespace ActorStream.Runtime.Tests.Cluster.Model;

public sealed class DowningStrategyTests
{
    private static readonly UniqueAddress A = Node(1), B = Node(2), C = Node(3), D = Node(4), E = Node(5);

    private static IReadOnlySet<UniqueAddress> Decide(Member[] members, UniqueAddress[] unreachable, UniqueAddress self, string? role = "camera") =>
        DowningStrategy.Decide(members, unreachable.ToHashSet(), role, self);

    private static Member[] Five() =>
        [M(A, MemberStatus.Up, 1, "camera"), M(B, MemberStatus.Up, 2, "viewer"), M(C, MemberStatus.Up, 3, "viewer"),
         M(D, MemberStatus.Up, 4, "viewer"), M(E, MemberStatus.Up, 5, "viewer")];

    [Fact]
    public void Nothing_unreachable_downs_nothing()
    {
        Assert.Empty(Decide(Five(), [], A));
    }

    [Fact]
    public void Majority_side_downs_the_unreachable()
    {
        Assert.Equal([D, E], Decide(Five(), [D, E], A).Order());
        Assert.Equal([E], Decide(Five(), [E], B).Order());
    }

    [Fact]
    public void Minority_side_downs_itself()
    {
        Assert.Equal([D, E], Decide(Five(), [A, B, C], D).Order());
    }

    [Fact]
    public void Even_split_is_won_by_the_side_with_the_tie_breaker_role()
    {
        var four = Five()[..4];
        Assert.Equal([C, D], Decide(four, [C, D], A).Order());   // we hold the camera
        Assert.Equal([C, D], Decide(four, [A, B], C).Order());   // they hold the camera: down ourselves
    }

    [Fact]
    public void Even_split_with_several_role_members_is_won_by_the_oldest_one()
    {
        Member[] four = [M(A, MemberStatus.Up, 5, "camera"), M(B, MemberStatus.Up, 6), M(C, MemberStatus.Up, 2, "camera"), M(D, MemberStatus.Up, 3)];
        Assert.Equal([A, B], Decide(four, [C, D], A).Order());
    }

    [Fact]
    public void Even_split_without_the_role_is_won_by_the_lowest_address()
    {
        Member[] four = [M(A, MemberStatus.Up, 4), M(B, MemberStatus.Up, 3), M(C, MemberStatus.Up, 2), M(D, MemberStatus.Up, 1)];
        Assert.Equal([C, D], Decide(four, [C, D], A).Order());
        Assert.Equal([C, D], Decide(four, [A, B], D).Order());
        Assert.Equal([C, D], Decide(four, [C, D], B, role: null).Order());
    }

    [Fact]
    public void Joining_members_do_not_count_unless_all_are_joining()
    {
        Member[] members = [M(A, MemberStatus.Up, 1), Member.Create(B, []), Member.Create(C, []), Member.Create(D, [])];
        // Counted: A alone against nobody, so A keeps its side and downs the three joiners.
        Assert.Equal([B, C, D], Decide(members, [B, C, D], A).Order());
        Member[] joining = [Member.Create(A, []), Member.Create(B, []), Member.Create(C, [])];
        Assert.Equal([A], Decide(joining, [B, C], A).Order());
    }

    [Fact]
    public void Down_members_never_count_and_self_is_never_unreachable()
    {
        Member[] members = [M(A, MemberStatus.Up, 1), M(B, MemberStatus.Up, 2), M(C, MemberStatus.Down, 3), M(D, MemberStatus.Up, 4)];
        Assert.Equal([D], Decide(members, [C, D, A], A).Order());
    }
}
