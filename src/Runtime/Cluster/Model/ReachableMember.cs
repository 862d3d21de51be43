namespace ActorStream.Runtime.Cluster.Model;

/// <summary>A member that was unreachable is reachable again from every observer.</summary>
public sealed record ReachableMember(Member Member) : IReachabilityEvent;
