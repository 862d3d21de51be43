using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Dispatch;

/// <summary>To parent and watchers: <see cref="Actor"/> has terminated.</summary>
internal sealed class DeathWatchNotification(IActorRef actor, bool existenceConfirmed) : ISystemMessage
{
    public IActorRef Actor { get; } = actor;
    public bool ExistenceConfirmed { get; } = existenceConfirmed;
}
