namespace ActorStream.Runtime.Cluster.Protocol;

/// <summary>The answer that feeds the monitoring node's phi-accrual failure detector, and its clock-offset estimate.</summary>
/// <param name="RequestSentUnixUs">The heartbeat's <see cref="Heartbeat.SentUnixUs"/>, echoed.</param>
/// <param name="AnsweredUnixUs">The answering node's wall clock when it answered (microseconds since 1970).</param>
public sealed record HeartbeatRsp(string From, long Sequence, long RequestSentUnixUs = 0, long AnsweredUnixUs = 0);
