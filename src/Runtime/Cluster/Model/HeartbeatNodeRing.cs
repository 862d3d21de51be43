using System.Collections.Immutable;

namespace ActorStream.Runtime.Cluster.Model;

/// <summary>
/// Who heartbeats whom (Akka's HeartbeatNodeRing): nodes sorted by UniqueAddress form a ring and each node
/// monitors the next <c>monitoredByNrOfMembers</c> nodes after it. Unreachable nodes met on the way are also
/// monitored but do not count, so that when several nodes die at once someone still watches each of them.
/// Every node computes the same ring because the order is the (deterministic) address order.
/// </summary>
public sealed class HeartbeatNodeRing
{
    public const int DefaultMonitoredByNrOfMembers = 5;

    private readonly ImmutableArray<UniqueAddress> _ring;

    public HeartbeatNodeRing(UniqueAddress self, IEnumerable<UniqueAddress> nodes, IEnumerable<UniqueAddress>? unreachable = null,
        int monitoredByNrOfMembers = DefaultMonitoredByNrOfMembers)
    {
        if (monitoredByNrOfMembers < 1) throw new ArgumentOutOfRangeException(nameof(monitoredByNrOfMembers), monitoredByNrOfMembers, "must be at least 1");
        Self = self;
        _ring = [.. nodes.Append(self).Distinct().Order()];
        Unreachable = (unreachable ?? []).ToImmutableHashSet();
        MonitoredByNrOfMembers = monitoredByNrOfMembers;
    }

    public UniqueAddress Self { get; }
    public IReadOnlyList<UniqueAddress> Ring => _ring;
    public ImmutableHashSet<UniqueAddress> Unreachable { get; }
    public int MonitoredByNrOfMembers { get; }

    /// <summary>The nodes this node sends heartbeats to and monitors.</summary>
    public IReadOnlySet<UniqueAddress> MyReceivers => Receivers(Self);

    /// <summary>The nodes that monitor this node.</summary>
    public IReadOnlySet<UniqueAddress> MyMonitors => MonitorsOf(Self);

    /// <summary>The nodes <paramref name="sender"/> monitors: the next K reachable nodes in ring order, plus unreachable ones passed on the way.</summary>
    public IReadOnlySet<UniqueAddress> Receivers(UniqueAddress sender)
    {
        var result = new HashSet<UniqueAddress>();
        var start = _ring.IndexOf(sender);
        if (start < 0) return result;
        var remaining = MonitoredByNrOfMembers;
        for (var i = 1; i < _ring.Length && remaining > 0; i++)
        {
            var node = _ring[(start + i) % _ring.Length];
            result.Add(node);
            if (!Unreachable.Contains(node)) remaining--;
        }
        return result;
    }

    /// <summary>The nodes whose receivers include <paramref name="node"/>.</summary>
    public IReadOnlySet<UniqueAddress> MonitorsOf(UniqueAddress node) =>
        _ring.Where(n => n != node && Receivers(n).Contains(node)).ToHashSet();
}
