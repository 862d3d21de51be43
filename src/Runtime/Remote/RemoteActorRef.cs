using ActorStream.Runtime.Actor;
using ActorStream.Runtime.Dispatch;

namespace ActorStream.Runtime.Remote;

/// <summary>
/// A ref to an actor on another node. Tell serializes the message (its type must be registered) and queues it
/// on the association to that node; Watch/Unwatch travel as system frames, and the remote watcher turns the
/// node's loss into Terminated(AddressTerminated = true).
/// </summary>
public sealed class RemoteActorRef : ActorRefBase
{
    private readonly RemoteActorRefProvider _provider;

    internal RemoteActorRef(RemoteActorRefProvider provider, ActorPath path)
    {
        _provider = provider;
        Path = path;
    }

    public override ActorPath Path { get; }
    public override IInternalActorRef Parent => new RemoteActorRef(_provider, Path.Parent);
    public override IActorRefProvider Provider => _provider;
    public override bool IsLocal => false;
    public override bool IsTerminated => false;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        _provider.Transport.Send(this, message, sender, selection: null);
    }

    public override void SendSystemMessage(ISystemMessage message)
    {
        switch (message)
        {
            case Watch w when w.Watcher is IInternalActorRef watcher:
                _provider.Watcher.Watch(this, watcher);
                _provider.Transport.SendSystem(Path.Address, FrameKind.Watch, Path.ToSerializationFormat(), watcher.Path.ToSerializationFormat(), false);
                break;
            case Unwatch u when u.Watcher is IInternalActorRef watcher:
                _provider.Watcher.Unwatch(this, watcher);
                _provider.Transport.SendSystem(Path.Address, FrameKind.Unwatch, Path.ToSerializationFormat(), watcher.Path.ToSerializationFormat(), false);
                break;
            case DeathWatchNotification d:
                // We stand for a remote watcher: tell its node that the local actor it watched died.
                _provider.Transport.SendSystem(Path.Address, FrameKind.DeathWatchNotification, d.Actor.Path.ToSerializationFormat(), Path.ToSerializationFormat(), d.ExistenceConfirmed);
                break;
        }
    }

    public override void Stop() => Tell(PoisonPill.Instance, null);

    public override IInternalActorRef GetChild(IReadOnlyList<string> names)
    {
        var path = Path;
        foreach (var name in names)
        {
            if (name.Length == 0) continue;
            path = name == ".." ? path.Parent : path / name;
        }
        return new RemoteActorRef(_provider, path);
    }

    /// <summary>Sends to an actor selection on the remote node (resolved there, wildcards included).</summary>
    internal void TellSelection(string pathBelowAddress, object message, IActorRef? sender) =>
        _provider.Transport.Send(this, message, sender, pathBelowAddress);
}
