namespace ActorStream.Runtime.Cluster.Model;

/// <summary>How one vector clock relates to another (Akka's VectorClock.Ordering).</summary>
public enum VectorClockOrdering
{
    Same,
    Before,
    After,
    Concurrent,
}
