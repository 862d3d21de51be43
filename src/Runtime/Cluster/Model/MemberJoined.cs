namespace ActorStream.Runtime.Cluster.Model;

/// <summary>A member is Joining.</summary>
public sealed record MemberJoined(Member Member) : IMemberEvent;
