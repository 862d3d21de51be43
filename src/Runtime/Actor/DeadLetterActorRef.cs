using ActorStream.Runtime.Dispatch;

namespace ActorStream.Runtime.Actor;

/// <summary>Where undeliverable messages go: each becomes a DeadLetter event on the event stream.</summary>
public sealed class DeadLetterActorRef : ActorRefBase
{
    private readonly ActorSystemImpl _system;

    internal DeadLetterActorRef(ActorSystemImpl system, ActorPath path)
    {
        _system = system;
        Path = path;
    }

    public override ActorPath Path { get; }
    public override IInternalActorRef Parent => _system.Provider.RootGuardian;
    public override IActorRefProvider Provider => _system.Provider;
    public override bool IsLocal => true;
    public override bool IsTerminated => true;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        _system.PublishDeadLetter(message, sender, this);
    }

    public override void SendSystemMessage(ISystemMessage message)
    {
        // Watching dead letters is watching the dead: answer at once.
        if (message is Watch w && w.Watcher is IInternalActorRef watcher)
            watcher.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: false));
    }
}
