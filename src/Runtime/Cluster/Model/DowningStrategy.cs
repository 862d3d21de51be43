namespace ActorStream.Runtime.Cluster.Model;

/// <summary>
/// Keep-majority split-brain resolution with a role tie-breaker (Akka's SBR keep-majority), decided from one
/// node's side of a partition: the reachable side (self plus members not in the unreachable set) versus the
/// unreachable side. Strict majority: down the unreachable. Strict minority: down our own side. Exact split:
/// the side holding the oldest member with the tie-breaker role wins, or, if no member has that role, the side
/// holding the lowest address. Joining/WeaklyUp members do not count unless all members are such; Down and
/// Removed members never count and are never returned.
/// </summary>
public static class DowningStrategy
{
    /// <summary>The members to mark Down; empty when nothing is unreachable.</summary>
    public static IReadOnlySet<UniqueAddress> Decide(IReadOnlyCollection<Member> members, IReadOnlySet<UniqueAddress> unreachable,
        string? tieBreakerRole, UniqueAddress self)
    {
        var live = members.Where(m => m.Status is not (MemberStatus.Down or MemberStatus.Removed)).ToList();
        bool IsUnreachable(Member m) => m.UniqueAddress != self && unreachable.Contains(m.UniqueAddress);
        var unreachableSide = live.Where(IsUnreachable).Select(m => m.UniqueAddress).ToHashSet();
        if (unreachableSide.Count == 0) return new HashSet<UniqueAddress>();
        var reachableSide = live.Where(m => !IsUnreachable(m)).Select(m => m.UniqueAddress).ToHashSet();

        var counted = live.Where(m => m.Status is not (MemberStatus.Joining or MemberStatus.WeaklyUp)).ToList();
        if (counted.Count == 0) counted = live;
        var ours = counted.Count(m => !IsUnreachable(m));
        var theirs = counted.Count - ours;

        bool weWin;
        if (ours != theirs)
        {
            weWin = ours > theirs;
        }
        else
        {
            var decider = tieBreakerRole is null
                ? null
                : counted.Where(m => m.HasRole(tieBreakerRole)).OrderBy(m => m, Member.AgeOrdering).FirstOrDefault();
            decider ??= counted.OrderBy(m => m, Member.Ordering).First();
            weWin = !IsUnreachable(decider);
        }
        return weWin ? unreachableSide : reachableSide;
    }
}
