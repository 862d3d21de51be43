namespace ActorStream.Runtime.Cluster.Protocol;

/// <summary>Answer to <see cref="Join"/>: the joiner is in the gossip (Joining); it adopts this gossip.</summary>
public sealed record Welcome(string From, WireGossip Gossip);
