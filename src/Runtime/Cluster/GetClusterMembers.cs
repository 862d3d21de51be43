namespace ActorStream.Runtime.Cluster;

/// <summary>
/// Query to /system/cluster/core (locally or remotely, e.g. by `actorstream nodes`): answered with
/// <see cref="ClusterMembers"/>. Lives in the runtime (not src/Messages) because the runtime answers it.
/// </summary>
public sealed record GetClusterMembers
{
    public static GetClusterMembers Instance { get; } = new();
}
