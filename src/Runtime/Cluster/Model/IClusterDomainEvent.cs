namespace ActorStream.Runtime.Cluster.Model;

/// <summary>Marker of every cluster event published to subscribers (Akka's ClusterEvent.IClusterDomainEvent).</summary>
public interface IClusterDomainEvent;
