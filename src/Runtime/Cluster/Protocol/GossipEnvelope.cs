namespace ActorStream.Runtime.Cluster.Protocol;

/// <summary>Gossip from one member to another; <paramref name="To"/> guards against delivery to a later incarnation.</summary>
public sealed record GossipEnvelope(string From, string To, WireGossip Gossip);
