using System.Collections.Immutable;

namespace ActorStream.Runtime.Cluster.Model;

/// <summary>
/// Immutable table of observer→subject reachability records, gossiped with the membership (Akka's Reachability).
/// Each observer owns its rows and versions them; merging keeps, per observer, the rows of the higher version,
/// so only the observer itself can change what it said. A subject is unreachable if any observer says so.
/// </summary>
public sealed class Reachability
{
    public static readonly Reachability Empty = new(ImmutableList<ReachabilityRecord>.Empty, ImmutableDictionary<UniqueAddress, long>.Empty);

    private Reachability(ImmutableList<ReachabilityRecord> records, ImmutableDictionary<UniqueAddress, long> versions)
    {
        Records = records;
        Versions = versions;
    }

    /// <summary>Builds a table from decoded parts (wire format); records of all-Reachable observers may be omitted.</summary>
    public static Reachability Create(IEnumerable<ReachabilityRecord> records, IEnumerable<KeyValuePair<UniqueAddress, long>> versions) =>
        new(records.ToImmutableList(), versions.ToImmutableDictionary());

    public ImmutableList<ReachabilityRecord> Records { get; }

    /// <summary>Latest version per observer (kept even after an observer's rows were pruned as all-reachable).</summary>
    public ImmutableDictionary<UniqueAddress, long> Versions { get; }

    public Reachability Unreachable(UniqueAddress observer, UniqueAddress subject) => Change(observer, subject, ReachabilityStatus.Unreachable);
    public Reachability Reachable(UniqueAddress observer, UniqueAddress subject) => Change(observer, subject, ReachabilityStatus.Reachable);
    public Reachability Terminated(UniqueAddress observer, UniqueAddress subject) => Change(observer, subject, ReachabilityStatus.Terminated);

    private Reachability Change(UniqueAddress observer, UniqueAddress subject, ReachabilityStatus status)
    {
        var version = Versions.GetValueOrDefault(observer) + 1;
        var newVersions = Versions.SetItem(observer, version);
        var newRecord = new ReachabilityRecord(observer, subject, status, version);
        var rows = Records.Where(r => r.Observer == observer).ToList();
        if (rows.Count == 0)
            return status == ReachabilityStatus.Reachable ? this : new Reachability(Records.Add(newRecord), newVersions);

        var old = rows.Find(r => r.Subject == subject);
        if (old is not null && (old.Status == ReachabilityStatus.Terminated || old.Status == status))
            return this;
        // When everything this observer sees is reachable again, its rows carry no information: prune them
        // (the bumped version still tells the others that the older rows are stale).
        if (status == ReachabilityStatus.Reachable && rows.TrueForAll(r => r.Status == ReachabilityStatus.Reachable || r.Subject == subject))
            return new Reachability(Records.RemoveAll(r => r.Observer == observer), newVersions);
        return old is null
            ? new Reachability(Records.Add(newRecord), newVersions)
            : new Reachability(Records.Replace(old, newRecord), newVersions);
    }

    /// <summary>
    /// Merges another table, keeping only observers and subjects in <paramref name="allowed"/> (the merged members);
    /// for each observer the rows of the higher version win.
    /// </summary>
    public Reachability Merge(IReadOnlySet<UniqueAddress> allowed, Reachability other)
    {
        var records = ImmutableList.CreateBuilder<ReachabilityRecord>();
        var versions = ImmutableDictionary.CreateBuilder<UniqueAddress, long>();
        foreach (var observer in allowed)
        {
            var v1 = Versions.GetValueOrDefault(observer);
            var v2 = other.Versions.GetValueOrDefault(observer);
            var winner = v1 >= v2 ? this : other;
            records.AddRange(winner.Records.Where(r => r.Observer == observer && allowed.Contains(r.Subject)));
            var v = Math.Max(v1, v2);
            if (Versions.ContainsKey(observer) || other.Versions.ContainsKey(observer)) versions[observer] = v;
        }
        return new Reachability(records.ToImmutable(), versions.ToImmutable());
    }

    /// <summary>Forgets the given nodes as observers and as subjects (they left the membership).</summary>
    public Reachability Remove(IEnumerable<UniqueAddress> nodes)
    {
        var set = nodes.ToHashSet();
        if (set.Count == 0) return this;
        return new Reachability(Records.RemoveAll(r => set.Contains(r.Observer) || set.Contains(r.Subject)), Versions.RemoveRange(set));
    }

    /// <summary>Forgets what the given observers said (e.g. observations made by members that are Down).</summary>
    public Reachability RemoveObservers(IEnumerable<UniqueAddress> observers)
    {
        var set = observers.ToHashSet();
        if (set.Count == 0) return this;
        return new Reachability(Records.RemoveAll(r => set.Contains(r.Observer)), Versions.RemoveRange(set));
    }

    /// <summary>Aggregated status of a subject: Terminated if any observer says so, else Unreachable if any does.</summary>
    public ReachabilityStatus Status(UniqueAddress subject)
    {
        var result = ReachabilityStatus.Reachable;
        foreach (var r in Records)
        {
            if (r.Subject != subject) continue;
            if (r.Status == ReachabilityStatus.Terminated) return ReachabilityStatus.Terminated;
            if (r.Status == ReachabilityStatus.Unreachable) result = ReachabilityStatus.Unreachable;
        }
        return result;
    }

    /// <summary>What one observer says about one subject (Reachable when it said nothing).</summary>
    public ReachabilityStatus Status(UniqueAddress observer, UniqueAddress subject) =>
        Records.Find(r => r.Observer == observer && r.Subject == subject)?.Status ?? ReachabilityStatus.Reachable;

    public bool IsReachable(UniqueAddress node) => Status(node) == ReachabilityStatus.Reachable;

    public bool IsReachable(UniqueAddress observer, UniqueAddress subject) => Status(observer, subject) == ReachabilityStatus.Reachable;

    public bool IsAllReachable => Records.TrueForAll(r => r.Status == ReachabilityStatus.Reachable);

    /// <summary>Subjects some observer marks Unreachable and none marks Terminated.</summary>
    public IReadOnlySet<UniqueAddress> AllUnreachable =>
        Records.Where(r => r.Status == ReachabilityStatus.Unreachable).Select(r => r.Subject)
            .Where(s => Status(s) == ReachabilityStatus.Unreachable).ToHashSet();

    /// <summary>Subjects that are not reachable: Unreachable or Terminated.</summary>
    public IReadOnlySet<UniqueAddress> AllUnreachableOrTerminated =>
        Records.Where(r => r.Status != ReachabilityStatus.Reachable).Select(r => r.Subject).ToHashSet();

    /// <summary>Subjects that <paramref name="observer"/> itself marks Unreachable.</summary>
    public IReadOnlySet<UniqueAddress> AllUnreachableFrom(UniqueAddress observer) =>
        Records.Where(r => r.Observer == observer && r.Status == ReachabilityStatus.Unreachable).Select(r => r.Subject).ToHashSet();

    /// <summary>For each unreachable subject, the observers that see it so.</summary>
    public IReadOnlyDictionary<UniqueAddress, IReadOnlySet<UniqueAddress>> ObserversGroupedByUnreachable =>
        Records.Where(r => r.Status == ReachabilityStatus.Unreachable).GroupBy(r => r.Subject)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<UniqueAddress>)g.Select(r => r.Observer).ToHashSet());

    public override string ToString() =>
        "Reachability(" + string.Join(", ", Records.Select(r => $"{r.Observer} -> {r.Subject}: {r.Status} [{r.Version}]")) + ")";
}
