namespace ActorStream.Runtime.Cluster.Model;

/// <summary>A change of a member's reachability as the failure detectors see it.</summary>
public interface IReachabilityEvent : IClusterDomainEvent
{
    Member Member { get; }
}
