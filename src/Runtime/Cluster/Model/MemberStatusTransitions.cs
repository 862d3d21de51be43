namespace ActorStream.Runtime.Cluster.Model;

/// <summary>
/// Which member status changes are legal, following Akka.Cluster's member state diagram
/// (Member.allowedTransitions). A status never moves backwards; Removed is final.
/// </summary>
public static class MemberStatusTransitions
{
    /// <summary>True when a member may move from <paramref name="from"/> to a different status <paramref name="to"/>.</summary>
    public static bool IsAllowed(MemberStatus from, MemberStatus to) => from switch
    {
        MemberStatus.Joining => to is MemberStatus.WeaklyUp or MemberStatus.Up or MemberStatus.Leaving or MemberStatus.Down or MemberStatus.Removed,
        MemberStatus.WeaklyUp => to is MemberStatus.Up or MemberStatus.Leaving or MemberStatus.Down or MemberStatus.Removed,
        MemberStatus.Up => to is MemberStatus.Leaving or MemberStatus.Down or MemberStatus.Removed,
        MemberStatus.Leaving => to is MemberStatus.Exiting or MemberStatus.Down or MemberStatus.Removed,
        MemberStatus.Exiting => to is MemberStatus.Removed or MemberStatus.Down,
        MemberStatus.Down => to is MemberStatus.Removed,
        _ => false,
    };

    /// <summary>
    /// Of two views of the same member, the status that wins when gossips are merged (Akka's highestPriorityOf):
    /// Removed > Down > Exiting > Leaving > Up > WeaklyUp > Joining.
    /// </summary>
    public static int MergePriority(MemberStatus status) => status switch
    {
        MemberStatus.Removed => 6,
        MemberStatus.Down => 5,
        MemberStatus.Exiting => 4,
        MemberStatus.Leaving => 3,
        MemberStatus.Up => 2,
        MemberStatus.WeaklyUp => 1,
        _ => 0,
    };
}
