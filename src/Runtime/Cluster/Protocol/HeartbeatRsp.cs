namespace ActorStream.Runtime.Cluster.Protocol;

/// <summary>The answer that feeds the monitoring node's phi-accrual failure detector.</summary>
public sealed record HeartbeatRsp(string From, long Sequence);
