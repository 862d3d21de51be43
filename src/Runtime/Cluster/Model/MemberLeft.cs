namespace ActorStream.Runtime.Cluster.Model;

/// <summary>A member is Leaving (asked to leave).</summary>
public sealed record MemberLeft(Member Member) : IMemberEvent;
