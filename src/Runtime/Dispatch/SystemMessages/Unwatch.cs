using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Dispatch;

/// <summary>Sent to the watchee: forget <see cref="Watcher"/>.</summary>
internal sealed class Unwatch(IActorRef watchee, IActorRef watcher) : ISystemMessage
{
    public IActorRef Watchee { get; } = watchee;
    public IActorRef Watcher { get; } = watcher;
}
