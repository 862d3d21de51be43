namespace ActorStream.Runtime.Cluster.Model;

/// <summary>The leader seen by this node changed (null: no leader).</summary>
public sealed record LeaderChanged(UniqueAddress? Leader) : IClusterDomainEvent;
