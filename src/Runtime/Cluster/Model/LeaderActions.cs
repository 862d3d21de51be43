namespace ActorStream.Runtime.Cluster.Model;

/// <summary>
/// The leader's duties on a converged gossip (Akka's leaderActionsOnConvergence), as a pure function:
/// Joining/WeaklyUp → Up (when at least minNrOfMembers are known), Leaving → Exiting, and removal of Down members,
/// of unreachable Exiting members and of Exiting members whose exit was confirmed.
/// The caller checks Converged and IsLeader first.
/// </summary>
public static class LeaderActions
{
    /// <param name="gossip">The converged gossip.</param>
    /// <param name="self">The leader.</param>
    /// <param name="nowMs">Time stamped on tombstones of removed members.</param>
    /// <param name="exitingConfirmed">Exiting nodes that confirmed they saw Exiting. A daemon without exit
    /// confirmation may pass every Exiting member here so that leaving completes in one more round.</param>
    /// <param name="minNrOfMembers">Joining members are only moved Up when the cluster has this many members.</param>
    public static LeaderActionsResult OnConvergence(Gossip gossip, UniqueAddress self, long nowMs,
        IReadOnlySet<UniqueAddress>? exitingConfirmed = null, int minNrOfMembers = 1)
    {
        exitingConfirmed ??= new HashSet<UniqueAddress>();
        var unreachable = gossip.Reachability.AllUnreachableOrTerminated;

        // Down members go whether reachable or not: a downed node that is still running sees itself removed and
        // must rejoin as a new incarnation, and its destinations should go now rather than when its socket dies.
        var removed = gossip.Members.Where(m =>
            m.Status == MemberStatus.Down ||
            (m.Status == MemberStatus.Exiting && (unreachable.Contains(m.UniqueAddress) || exitingConfirmed.Contains(m.UniqueAddress))))
            .ToList();

        var upped = new List<Member>();
        var exiting = new List<Member>();
        var enoughMembers = gossip.Members.Count >= minNrOfMembers;
        var nextUp = 0;
        foreach (var m in gossip.Members)
        {
            if (m.Status is MemberStatus.Joining or MemberStatus.WeaklyUp && enoughMembers)
            {
                if (nextUp == 0)
                {
                    // Up numbers only compare ages of current members, so reusing one of a removed member is fine.
                    var youngest = gossip.Members.Where(x => x.UpNumber != int.MaxValue).Select(x => x.UpNumber).DefaultIfEmpty(0).Max();
                    nextUp = youngest + 1;
                }
                else
                {
                    nextUp++;
                }
                upped.Add(m.CopyUp(nextUp));
            }
            else if (m.Status == MemberStatus.Leaving)
            {
                exiting.Add(m.Copy(MemberStatus.Exiting));
            }
        }

        if (removed.Count == 0 && upped.Count == 0 && exiting.Count == 0)
            return new LeaderActionsResult(gossip, [], [], []);

        var next = gossip.Update(upped.Concat(exiting));
        foreach (var m in removed) next = next.Remove(m.UniqueAddress, nowMs);
        next = next.Increment(self).OnlySeen(self);
        return new LeaderActionsResult(next, upped, exiting, removed);
    }
}
