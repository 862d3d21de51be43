namespace ActorStream.Messages.Cluster;

/// <summary>
/// Query to the seed's /user/cluster-members (by `actorstream nodes`): answered with
/// <see cref="ClusterMembers"/>, Akka.Cluster's view as that node sees it.
/// </summary>
public sealed record GetClusterMembers
{
    public static GetClusterMembers Instance { get; } = new();
}
