namespace ActorStream.Runtime.Cluster.Protocol;

/// <summary>A node asks to join: sent to a seed (or any member) core daemon until a <see cref="Welcome"/> arrives.</summary>
public sealed record Join(string Node, IReadOnlyList<string> Roles);
