namespace ActorStream.Runtime.Cluster.Model;

/// <summary>A member is Exiting (the leader accepted its leave).</summary>
public sealed record MemberExited(Member Member) : IMemberEvent;
