namespace ActorStream.Runtime.Cluster.Model;

/// <summary>A member was marked Down.</summary>
public sealed record MemberDowned(Member Member) : IMemberEvent;
