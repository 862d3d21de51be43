namespace ActorStream.Runtime.Actor;

/// <summary>A watched actor died and the watcher did not handle the Terminated message.</summary>
public sealed class DeathPactException(IActorRef deadActor)
    : Exception($"Monitored actor [{deadActor}] terminated")
{
    public IActorRef DeadActor { get; } = deadActor;
}
