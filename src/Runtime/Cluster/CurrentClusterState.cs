using System.Collections.Immutable;
using ActorStream.Runtime.Actor;
using ActorStream.Runtime.Cluster.Model;

namespace ActorStream.Runtime.Cluster;

/// <summary>A snapshot of the membership (Akka's CurrentClusterState); also the first message a subscriber gets.</summary>
public sealed record CurrentClusterState(ImmutableSortedSet<Member> Members, ImmutableHashSet<Member> Unreachable, Address? Leader)
{
    public static CurrentClusterState Empty { get; } = new(ImmutableSortedSet.Create(Member.Ordering), [], null);
}
