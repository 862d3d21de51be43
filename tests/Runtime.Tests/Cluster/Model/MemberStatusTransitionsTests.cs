using ActorStream.Runtime.Cluster.Model;

namespace ActorStream.Runtime.Tests.Cluster.Model;

public sealed class MemberStatusTransitionsTests
{
    [Theory]
    [InlineData(MemberStatus.Joining, MemberStatus.Up)]
    [InlineData(MemberStatus.Joining, MemberStatus.WeaklyUp)]
    [InlineData(MemberStatus.Joining, MemberStatus.Leaving)]
    [InlineData(MemberStatus.Joining, MemberStatus.Down)]
    [InlineData(MemberStatus.Joining, MemberStatus.Removed)]
    [InlineData(MemberStatus.WeaklyUp, MemberStatus.Up)]
    [InlineData(MemberStatus.Up, MemberStatus.Leaving)]
    [InlineData(MemberStatus.Up, MemberStatus.Down)]
    [InlineData(MemberStatus.Up, MemberStatus.Removed)]
    [InlineData(MemberStatus.Leaving, MemberStatus.Exiting)]
    [InlineData(MemberStatus.Leaving, MemberStatus.Down)]
    [InlineData(MemberStatus.Exiting, MemberStatus.Removed)]
    [InlineData(MemberStatus.Exiting, MemberStatus.Down)]
    [InlineData(MemberStatus.Down, MemberStatus.Removed)]
    public void Allowed_transitions_follow_the_state_diagram(MemberStatus from, MemberStatus to) =>
        Assert.True(MemberStatusTransitions.IsAllowed(from, to));

    [Theory]
    [InlineData(MemberStatus.Up, MemberStatus.Joining)]
    [InlineData(MemberStatus.Up, MemberStatus.Exiting)]
    [InlineData(MemberStatus.Leaving, MemberStatus.Up)]
    [InlineData(MemberStatus.Exiting, MemberStatus.Leaving)]
    [InlineData(MemberStatus.Down, MemberStatus.Up)]
    [InlineData(MemberStatus.Down, MemberStatus.Exiting)]
    [InlineData(MemberStatus.Removed, MemberStatus.Joining)]
    [InlineData(MemberStatus.Removed, MemberStatus.Up)]
    [InlineData(MemberStatus.Joining, MemberStatus.Exiting)]
    [InlineData(MemberStatus.Up, MemberStatus.Up)]
    public void Backward_and_skipping_transitions_are_refused(MemberStatus from, MemberStatus to) =>
        Assert.False(MemberStatusTransitions.IsAllowed(from, to));

    [Fact]
    public void Merge_priority_is_removed_down_exiting_leaving_up_weaklyup_joining()
    {
        MemberStatus[] order = [MemberStatus.Removed, MemberStatus.Down, MemberStatus.Exiting, MemberStatus.Leaving,
            MemberStatus.Up, MemberStatus.WeaklyUp, MemberStatus.Joining];
        for (var i = 1; i < order.Length; i++)
            Assert.True(MemberStatusTransitions.MergePriority(order[i - 1]) > MemberStatusTransitions.MergePriority(order[i]), $"{order[i - 1]} > {order[i]}");
    }
}
