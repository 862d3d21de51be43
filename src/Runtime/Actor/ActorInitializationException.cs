namespace ActorStream.Runtime.Actor;

/// <summary>The actor's constructor, PreStart or PostRestart threw. The default decider stops the actor.</summary>
public sealed class ActorInitializationException(IActorRef? actor, string message, Exception? cause = null)
    : Exception(message, cause)
{
    public IActorRef? Actor { get; } = actor;
}
