using ActorStream.Runtime.Cluster.Model;
using static ActorStream.Runtime.Tests.Cluster.Model.Nodes;

namespace ActorStream.Runtime.Tests.Cluster.Model;

public sealed class MemberTests
{
    [Fact]
    public void Create_is_joining_and_youngest()
    {
        var m = Member.Create(Node(1), ["viewer"]);
        Assert.Equal(MemberStatus.Joining, m.Status);
        Assert.Equal(int.MaxValue, m.UpNumber);
        Assert.True(m.HasRole("viewer"));
        Assert.False(m.HasRole("camera"));
    }

    [Fact]
    public void Copy_applies_allowed_transitions_and_refuses_others()
    {
        var m = Member.Create(Node(1), []);
        var up = m.CopyUp(3);
        Assert.Equal(MemberStatus.Up, up.Status);
        Assert.Equal(3, up.UpNumber);
        Assert.Same(up, up.Copy(MemberStatus.Up));
        Assert.Equal(MemberStatus.Leaving, up.Copy(MemberStatus.Leaving).Status);
        Assert.Throws<InvalidOperationException>(() => up.Copy(MemberStatus.Joining));
        Assert.Throws<InvalidOperationException>(() => up.Copy(MemberStatus.Down).Copy(MemberStatus.Up));
    }

    [Fact]
    public void Equality_is_by_unique_address_only()
    {
        Assert.Equal(M(Node(1), MemberStatus.Up, 1), M(Node(1), MemberStatus.Down, 7, "camera"));
        Assert.NotEqual(M(Node(1, uid: 1), MemberStatus.Up, 1), M(Node(1, uid: 2), MemberStatus.Up, 1));
    }

    [Fact]
    public void Older_is_lower_up_number_then_lower_address()
    {
        var a = M(Node(5000), MemberStatus.Up, 2);
        var b = M(Node(4000), MemberStatus.Up, 3);
        Assert.True(a.IsOlderThan(b));
        Assert.False(b.IsOlderThan(a));
        var c = M(Node(3000), MemberStatus.Up, 2);
        Assert.True(c.IsOlderThan(a));
        Member[] byAge = [.. new[] { b, a, c }.Order(Member.AgeOrdering)];
        Assert.Equal([c, a, b], byAge);
    }

    [Fact]
    public void Ordering_is_by_address()
    {
        var a = M(Node(9000), MemberStatus.Up, 5);
        var b = M(Node(10000), MemberStatus.Up, 1);
        Member[] sorted = [.. new[] { b, a }.Order(Member.Ordering)];
        Assert.Equal([a, b], sorted);
    }
}
