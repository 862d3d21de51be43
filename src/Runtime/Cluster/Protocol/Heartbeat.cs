namespace ActorStream.Runtime.Cluster.Protocol;

/// <summary>Sent every heartbeat-interval to the nodes this node monitors; answered with <see cref="HeartbeatRsp"/>.</summary>
/// <param name="SentUnixUs">The sender's wall clock when sent (microseconds since 1970), echoed back for clock-offset estimates; 0 from old senders.</param>
public sealed record Heartbeat(string From, long Sequence, long SentUnixUs = 0);
