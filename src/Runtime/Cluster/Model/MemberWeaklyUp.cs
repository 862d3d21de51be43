namespace ActorStream.Runtime.Cluster.Model;

/// <summary>A member is WeaklyUp.</summary>
public sealed record MemberWeaklyUp(Member Member) : IMemberEvent;
