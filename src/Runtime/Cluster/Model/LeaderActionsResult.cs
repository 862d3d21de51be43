namespace ActorStream.Runtime.Cluster.Model;

/// <summary>
/// What one round of leader actions did: the new gossip (already incremented by the leader and seen only by it)
/// and the members that changed: moved Up, moved to Exiting, and removed (with their status before removal).
/// </summary>
public sealed record LeaderActionsResult(
    Gossip Gossip,
    IReadOnlyList<Member> Upped,
    IReadOnlyList<Member> Exiting,
    IReadOnlyList<Member> Removed)
{
    public bool HasChanges => Upped.Count > 0 || Exiting.Count > 0 || Removed.Count > 0;
}
