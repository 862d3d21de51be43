using System.Collections.Immutable;

namespace ActorStream.Runtime.Cluster.Model;

/// <summary>The gossip's bookkeeping: which nodes have seen this exact version, and the reachability table.</summary>
public sealed record GossipOverview(ImmutableHashSet<UniqueAddress> Seen, Reachability Reachability)
{
    public static readonly GossipOverview Empty = new(ImmutableHashSet<UniqueAddress>.Empty, Reachability.Empty);
}
