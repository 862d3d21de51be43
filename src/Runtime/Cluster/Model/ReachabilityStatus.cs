namespace ActorStream.Runtime.Cluster.Model;

/// <summary>What one observer says about one subject. Terminated is final (the subject's node is known gone).</summary>
public enum ReachabilityStatus
{
    Reachable,
    Unreachable,
    Terminated,
}
