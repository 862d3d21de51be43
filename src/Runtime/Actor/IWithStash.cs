namespace ActorStream.Runtime.Actor;

/// <summary>An actor that stashes. The runtime sets <see cref="Stash"/> right after construction, so use it from
/// message handlers. It survives Become; on restart its content is put back
/// in front of the mailbox for the new instance; on stop it goes to dead letters.</summary>
public interface IWithStash
{
    IStash Stash { get; set; }
}
