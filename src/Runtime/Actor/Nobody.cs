using ActorStream.Runtime.Dispatch;

namespace ActorStream.Runtime.Actor;

/// <summary>The ref to no actor. Watching it yields Terminated at once (it is as dead as can be).</summary>
public sealed class Nobody : ActorRefBase
{
    public static Nobody Instance { get; } = new();

    private static readonly ActorPath NobodyPath = ActorPath.RootOf(new Address(Address.DefaultProtocol, "all-systems")) / "Nobody";

    private Nobody() { }

    public override ActorPath Path => NobodyPath;
    public override IInternalActorRef Parent => this;
    public override IActorRefProvider Provider => throw new NotSupportedException("Nobody has no provider");
    public override bool IsLocal => true;
    public override bool IsTerminated => true;
    public override void Tell(object message, IActorRef? sender) { }
    public override IInternalActorRef GetChild(IReadOnlyList<string> names) => this;

    public override void SendSystemMessage(ISystemMessage message)
    {
        if (message is Watch w && w.Watcher is IInternalActorRef watcher)
            watcher.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: false));
    }
}
