using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Dispatch;

/// <summary>Sent to the watchee: add <see cref="Watcher"/> to the actors told when it dies.</summary>
internal sealed class Watch(IActorRef watchee, IActorRef watcher) : ISystemMessage
{
    public IActorRef Watchee { get; } = watchee;
    public IActorRef Watcher { get; } = watcher;
}
