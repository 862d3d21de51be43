namespace ActorStream.Runtime.Cluster.Model;

/// <summary>A member became Up.</summary>
public sealed record MemberUp(Member Member) : IMemberEvent;
