namespace ActorStream.Runtime.Cluster.Model;

/// <summary>A failure detector for one monitored node; times are milliseconds on the caller's monotonic clock.</summary>
public interface IFailureDetector
{
    /// <summary>True until the detector suspects the node (also true before any heartbeat).</summary>
    bool IsAvailable(long nowMs);

    /// <summary>True once at least one heartbeat was recorded.</summary>
    bool IsMonitoring { get; }

    void Heartbeat(long nowMs);
}
