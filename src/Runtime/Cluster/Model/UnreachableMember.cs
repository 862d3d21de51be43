namespace ActorStream.Runtime.Cluster.Model;

/// <summary>A failure detector marked a member unreachable.</summary>
public sealed record UnreachableMember(Member Member) : IReachabilityEvent;
