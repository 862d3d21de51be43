namespace ActorStream.Messages.Cluster;

/// <summary>One member as `actorstream nodes` shows it.</summary>
/// <param name="Address">actorstream://actorstream@host:port</param>
/// <param name="Uid">The incarnation.</param>
/// <param name="Status">Joining, Up, Leaving, Exiting, Down.</param>
/// <param name="Roles">e.g. camera, viewer.</param>
/// <param name="Reachable">False when some member's failure detector marked it unreachable.</param>
public sealed record ClusterMemberInfo(string Address, long Uid, string Status, IReadOnlyList<string> Roles, bool Reachable);

/// <summary>Answer to <see cref="GetClusterMembers"/>: the members as the answering node sees them, and its leader.</summary>
public sealed record ClusterMembers(string SelfAddress, string? Leader, IReadOnlyList<ClusterMemberInfo> Members);
