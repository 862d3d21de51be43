using System.Collections.Immutable;

namespace ActorStream.Runtime.Cluster.Model;

/// <summary>
/// Immutable cluster state that nodes gossip to each other (Akka's Gossip): the members sorted by address, the
/// overview (seen set and reachability), the vector-clock version, and tombstones of removed members so that an
/// old gossip cannot bring a removed member back. Every node ends up with the same members when gossip converges.
/// </summary>
public sealed class Gossip
{
    /// <summary>Statuses of members that must have seen a gossip for it to be converged.</summary>
    private static readonly ImmutableHashSet<MemberStatus> ConvergenceMemberStatus = [MemberStatus.Up, MemberStatus.Leaving];

    /// <summary>Unreachable members in these statuses do not block convergence (they are on their way out).</summary>
    private static readonly ImmutableHashSet<MemberStatus> ConvergenceSkipUnreachable = [MemberStatus.Down, MemberStatus.Exiting];

    /// <summary>Statuses that make a member a leader candidate before the fallback ordering applies.</summary>
    private static readonly ImmutableHashSet<MemberStatus> LeaderMemberStatus = [MemberStatus.Up, MemberStatus.Leaving];

    public static readonly Gossip Empty = new(
        ImmutableSortedSet.Create(Member.Ordering), GossipOverview.Empty, VectorClock.Empty,
        ImmutableDictionary<UniqueAddress, long>.Empty);

    public Gossip(ImmutableSortedSet<Member> members, GossipOverview overview, VectorClock version,
        ImmutableDictionary<UniqueAddress, long> tombstones)
    {
        // Members must be ordered by Member.Ordering whatever set the caller built.
        Members = members.KeyComparer == Member.Ordering ? members : members.WithComparer(Member.Ordering);
        Overview = overview;
        Version = version;
        Tombstones = tombstones;
    }

    /// <summary>A gossip holding the given members, unversioned and unseen.</summary>
    public static Gossip Create(IEnumerable<Member> members) =>
        Empty.With(members: ImmutableSortedSet.CreateRange(Member.Ordering, members));

    public ImmutableSortedSet<Member> Members { get; }
    public GossipOverview Overview { get; }
    public VectorClock Version { get; }

    /// <summary>Removed members and the time (ms, caller's clock) they were removed; pruned by the daemon later.</summary>
    public ImmutableDictionary<UniqueAddress, long> Tombstones { get; }

    public Reachability Reachability => Overview.Reachability;

    /// <summary>The vector clock entry name of a node.</summary>
    public static string VclockName(UniqueAddress node) => node.ToString();

    public bool HasMember(UniqueAddress node) => TryGetMember(node, out _);

    public bool TryGetMember(UniqueAddress node, out Member member)
    {
        foreach (var m in Members)
        {
            if (m.UniqueAddress == node)
            {
                member = m;
                return true;
            }
        }
        member = null!;
        return false;
    }

    /// <summary>The member for <paramref name="node"/>; throws when it is not a member.</summary>
    public Member GetMember(UniqueAddress node) =>
        TryGetMember(node, out var m) ? m : throw new KeyNotFoundException($"{node} is not a member");

    public bool IsTombstoned(UniqueAddress node) => Tombstones.ContainsKey(node);

    private Gossip With(ImmutableSortedSet<Member>? members = null, GossipOverview? overview = null, VectorClock? version = null,
        ImmutableDictionary<UniqueAddress, long>? tombstones = null) =>
        new(members ?? Members, overview ?? Overview, version ?? Version, tombstones ?? Tombstones);

    /// <summary>This gossip with a version one higher for <paramref name="node"/> (the node that changed it).</summary>
    public Gossip Increment(UniqueAddress node) => With(version: Version.Increment(VclockName(node)));

    /// <summary>Adds <paramref name="node"/> to the seen set.</summary>
    public Gossip Seen(UniqueAddress node) =>
        Overview.Seen.Contains(node) ? this : With(overview: Overview with { Seen = Overview.Seen.Add(node) });

    /// <summary>The seen set becomes just <paramref name="node"/> (after it changed the gossip).</summary>
    public Gossip OnlySeen(UniqueAddress node) => With(overview: Overview with { Seen = [node] });

    /// <summary>Clears the seen set.</summary>
    public Gossip ClearSeen() => With(overview: Overview with { Seen = [] });

    /// <summary>Merges the seen sets of two gossips of the same version.</summary>
    public Gossip MergeSeen(Gossip other) => With(overview: Overview with { Seen = Overview.Seen.Union(other.Overview.Seen) });

    public bool SeenByNode(UniqueAddress node) => Overview.Seen.Contains(node);

    public Gossip WithReachability(Reachability reachability) => With(overview: Overview with { Reachability = reachability });

    /// <summary>Adds a member or replaces the existing view of the same node (no status rules applied).</summary>
    public Gossip Update(Member member) => Update([member]);

    /// <summary>Adds members or replaces the existing views of the same nodes (no status rules applied).</summary>
    public Gossip Update(IEnumerable<Member> changed)
    {
        var members = Members;
        foreach (var m in changed) members = members.Remove(m).Add(m);
        return With(members: members);
    }

    /// <summary>
    /// Removes a member: gone from members, seen and reachability, its clock entry pruned, and tombstoned at
    /// <paramref name="nowMs"/> so merges with older gossips do not resurrect it.
    /// </summary>
    public Gossip Remove(UniqueAddress node, long nowMs)
    {
        var members = Members.Where(m => m.UniqueAddress != node);
        return new Gossip(
            ImmutableSortedSet.CreateRange(Member.Ordering, members),
            new GossipOverview(Overview.Seen.Remove(node), Overview.Reachability.Remove([node])),
            Version.Prune(VclockName(node)),
            Tombstones.SetItem(node, nowMs));
    }

    /// <summary>Forgets tombstones older than <paramref name="removedBeforeMs"/>.</summary>
    public Gossip PruneTombstones(long removedBeforeMs) =>
        With(tombstones: Tombstones.RemoveRange(Tombstones.Where(kv => kv.Value < removedBeforeMs).Select(kv => kv.Key)));

    /// <summary>
    /// Akka's gossip merge for concurrent versions: tombstones united; clocks merged (tombstoned entries pruned);
    /// per node the view with the highest-priority status (Removed, Down, Exiting, Leaving, Up, WeaklyUp, Joining;
    /// same status: the older one) kept, tombstoned nodes dropped; reachability merged per observer version;
    /// seen emptied, because nobody has seen the merged result yet (the caller then marks itself Seen).
    /// </summary>
    public Gossip Merge(Gossip other)
    {
        var tombstones = Tombstones;
        foreach (var (node, at) in other.Tombstones)
            if (!tombstones.TryGetValue(node, out var mine) || at > mine) tombstones = tombstones.SetItem(node, at);

        var version = Version.Merge(other.Version);
        foreach (var node in tombstones.Keys) version = version.Prune(VclockName(node));

        var byNode = new Dictionary<UniqueAddress, Member>();
        foreach (var m in Members.Concat(other.Members))
        {
            if (tombstones.ContainsKey(m.UniqueAddress)) continue;
            byNode[m.UniqueAddress] = byNode.TryGetValue(m.UniqueAddress, out var existing) ? HighestPriorityOf(existing, m) : m;
        }
        var members = ImmutableSortedSet.CreateRange(Member.Ordering, byNode.Values.Where(m => m.Status != MemberStatus.Removed));
        var allowed = members.Select(m => m.UniqueAddress).ToHashSet();
        var reachability = Reachability.Merge(allowed, other.Reachability);
        return new Gossip(members, new GossipOverview([], reachability), version, tombstones);
    }

    /// <summary>Of two views of one node, the one a merge keeps (Akka's Member.highestPriorityOf).</summary>
    public static Member HighestPriorityOf(Member a, Member b)
    {
        if (a.Status == b.Status) return a.IsOlderThan(b) ? a : b;
        return MemberStatusTransitions.MergePriority(a.Status) >= MemberStatusTransitions.MergePriority(b.Status) ? a : b;
    }

    /// <summary>
    /// True when every Up/Leaving member (and every node in <paramref name="exitingConfirmed"/>) has seen this
    /// version and no member other than self is unreachable unless it is Down or Exiting. Observations made by
    /// Down members are ignored. Only then may the leader act.
    /// </summary>
    public bool Converged(UniqueAddress self, IReadOnlySet<UniqueAddress>? exitingConfirmed = null)
    {
        exitingConfirmed ??= ImmutableHashSet<UniqueAddress>.Empty;
        var downed = Members.Where(m => m.Status == MemberStatus.Down).Select(m => m.UniqueAddress);
        var reachability = Reachability.RemoveObservers(downed);
        foreach (var node in reachability.AllUnreachableOrTerminated)
        {
            if (node == self || exitingConfirmed.Contains(node)) continue;
            if (TryGetMember(node, out var m) && !ConvergenceSkipUnreachable.Contains(m.Status)) return false;
        }
        return !Members.Any(m =>
            ConvergenceMemberStatus.Contains(m.Status) && !SeenByNode(m.UniqueAddress) && !exitingConfirmed.Contains(m.UniqueAddress));
    }

    /// <summary>
    /// The leader as seen by <paramref name="self"/>: among members not Down and reachable (self always counts),
    /// optionally only those with <paramref name="role"/>, the first Up/Leaving member by address; if none, the
    /// first by Akka's leader status ordering (others, then Joining, then Exiting), so a lone Joining seed can
    /// lead itself Up. Null when there is no candidate.
    /// </summary>
    public UniqueAddress? Leader(UniqueAddress self, string? role = null)
    {
        var candidates = Members.Where(m =>
            m.Status != MemberStatus.Down &&
            (role is null || m.HasRole(role)) &&
            (m.UniqueAddress == self || Reachability.IsReachable(m.UniqueAddress))).ToList();
        if (candidates.Count == 0) return null;
        var preferred = candidates.Find(m => LeaderMemberStatus.Contains(m.Status));
        if (preferred is not null) return preferred.UniqueAddress;
        return candidates.OrderBy(m => LeaderFallbackRank(m.Status)).ThenBy(m => m, Member.Ordering).First().UniqueAddress;
    }

    private static int LeaderFallbackRank(MemberStatus status) => status switch
    {
        MemberStatus.Exiting => 3,
        MemberStatus.Joining => 2,
        MemberStatus.WeaklyUp => 1,
        _ => 0,
    };

    public bool IsLeader(UniqueAddress self, string? role = null) => Leader(self, role) == self;

    /// <summary>The oldest member (lowest UpNumber) that is Up or Leaving, optionally with a role.</summary>
    public Member? Oldest(string? role = null) =>
        Members.Where(m => m.Status is MemberStatus.Up or MemberStatus.Leaving && (role is null || m.HasRole(role)))
            .OrderBy(m => m, Member.AgeOrdering).FirstOrDefault();

    public override string ToString() =>
        $"Gossip(members=[{string.Join(", ", Members)}], seen=[{string.Join(", ", Overview.Seen)}], {Reachability}, {Version})";
}
