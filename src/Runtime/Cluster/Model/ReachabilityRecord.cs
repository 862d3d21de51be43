namespace ActorStream.Runtime.Cluster.Model;

/// <summary>One observation: <paramref name="Observer"/> sees <paramref name="Subject"/> with a status, at the observer's version.</summary>
public sealed record ReachabilityRecord(UniqueAddress Observer, UniqueAddress Subject, ReachabilityStatus Status, long Version);
