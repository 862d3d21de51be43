namespace ActorStream.Runtime.Cluster.Model;

/// <summary>
/// The lifecycle state of a cluster member, as Akka.Cluster's MemberStatus.
/// Joining → Up → Leaving → Exiting → Removed, with Down reachable from every live state.
/// </summary>
public enum MemberStatus
{
    Joining,
    /// <summary>Optional state Akka uses for joiners while convergence is blocked; may stay unused.</summary>
    WeaklyUp,
    Up,
    Leaving,
    Exiting,
    Down,
    Removed,
}
