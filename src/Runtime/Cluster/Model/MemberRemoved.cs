namespace ActorStream.Runtime.Cluster.Model;

/// <summary>A member left the membership; <see cref="Member"/> has status Removed, <see cref="PreviousStatus"/> is how it went (Down or Exiting).</summary>
public sealed record MemberRemoved(Member Member, MemberStatus PreviousStatus) : IMemberEvent;
