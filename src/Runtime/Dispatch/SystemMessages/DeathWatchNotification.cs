using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Dispatch;

/// <summary>To parent and watchers: <see cref="Actor"/> has terminated.</summary>
internal sealed class DeathWatchNotification(IActorRef actor, bool existenceConfirmed, bool addressTerminated = false) : ISystemMessage
{
    /// <summary>True when the actor's whole node is gone (remote death watch).</summary>
    public bool AddressTerminated { get; } = addressTerminated;

    public IActorRef Actor { get; } = actor;
    public bool ExistenceConfirmed { get; } = existenceConfirmed;
}
