namespace ActorStream.Runtime.Cluster.Model;

/// <summary>
/// The cluster events between two gossips seen by one node (Akka's ClusterEvent.diff*): the daemon publishes
/// them after each gossip change. Order: removals first, then status changes in member order.
/// </summary>
public static class ClusterEventDiff
{
    /// <summary>MemberRemoved for members gone; MemberJoined/WeaklyUp/Up/Left/Exited/Downed for members new or changed.</summary>
    public static IReadOnlyList<IMemberEvent> DiffMemberEvents(Gossip oldGossip, Gossip newGossip)
    {
        var events = new List<IMemberEvent>();
        if (ReferenceEquals(oldGossip, newGossip)) return events;
        foreach (var old in oldGossip.Members)
        {
            if (!newGossip.HasMember(old.UniqueAddress))
                events.Add(new MemberRemoved(new Member(old.UniqueAddress, MemberStatus.Removed, old.Roles, old.UpNumber), old.Status));
        }
        foreach (var m in newGossip.Members)
        {
            var changed = !oldGossip.TryGetMember(m.UniqueAddress, out var old) || old.Status != m.Status || old.UpNumber != m.UpNumber;
            if (!changed) continue;
            IMemberEvent? e = m.Status switch
            {
                MemberStatus.Joining => new MemberJoined(m),
                MemberStatus.WeaklyUp => new MemberWeaklyUp(m),
                MemberStatus.Up => new MemberUp(m),
                MemberStatus.Leaving => new MemberLeft(m),
                MemberStatus.Exiting => new MemberExited(m),
                MemberStatus.Down => new MemberDowned(m),
                _ => null,
            };
            if (e is not null) events.Add(e);
        }
        return events;
    }

    /// <summary>
    /// UnreachableMember for members (not self) newly unreachable or terminated; ReachableMember for members that
    /// were unreachable and are now reachable again and still members.
    /// </summary>
    public static IReadOnlyList<IReachabilityEvent> DiffReachability(Gossip oldGossip, Gossip newGossip, UniqueAddress self)
    {
        var events = new List<IReachabilityEvent>();
        var oldUnreachable = oldGossip.Reachability.AllUnreachableOrTerminated;
        var newUnreachable = newGossip.Reachability.AllUnreachableOrTerminated;
        foreach (var m in newGossip.Members)
        {
            if (m.UniqueAddress == self) continue;
            var was = oldUnreachable.Contains(m.UniqueAddress);
            var now = newUnreachable.Contains(m.UniqueAddress);
            if (now && !was) events.Add(new UnreachableMember(m));
            else if (was && !now) events.Add(new ReachableMember(m));
        }
        return events;
    }

    /// <summary>LeaderChanged when the leader seen by <paramref name="self"/> differs between the gossips, else null.</summary>
    public static LeaderChanged? DiffLeader(Gossip oldGossip, Gossip newGossip, UniqueAddress self)
    {
        var newLeader = newGossip.Leader(self);
        return newLeader == oldGossip.Leader(self) ? null : new LeaderChanged(newLeader);
    }

    /// <summary>Member events, then reachability events.</summary>
    public static IReadOnlyList<IClusterDomainEvent> Diff(Gossip oldGossip, Gossip newGossip, UniqueAddress self) =>
        [.. DiffMemberEvents(oldGossip, newGossip), .. DiffReachability(oldGossip, newGossip, self)];
}
