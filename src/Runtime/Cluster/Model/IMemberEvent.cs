namespace ActorStream.Runtime.Cluster.Model;

/// <summary>A change of a member's status; <see cref="Member"/> is the member as it is now.</summary>
public interface IMemberEvent : IClusterDomainEvent
{
    Member Member { get; }
}
