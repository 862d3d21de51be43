namespace ActorStream.Runtime.Cluster.Protocol;

/// <summary>Sent every heartbeat-interval to the nodes this node monitors; answered with <see cref="HeartbeatRsp"/>.</summary>
public sealed record Heartbeat(string From, long Sequence);
