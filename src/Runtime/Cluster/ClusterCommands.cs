using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Cluster;

/// <summary>Local commands from the <see cref="Cluster"/> API to the core daemon (never on the wire).</summary>
internal static class ClusterCommands
{
    public sealed record JoinTo(Address Address);
    public sealed record JoinSeeds(IReadOnlyList<Address> Seeds);
    public sealed record Leave(Address Address);
    public sealed record Subscribe(IActorRef Subscriber, IReadOnlyList<Type> To);
    public sealed record Unsubscribe(IActorRef Subscriber);
    public sealed record PeerRestarted(Address Address, long OldUid);
    public sealed record GossipTick;
    public sealed record HeartbeatTick;
    public sealed record JoinRetryTick;
    public sealed record SelfJoinTimeout;
}
