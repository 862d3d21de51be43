using ActorStream.Runtime.Dispatch;

namespace ActorStream.Runtime.Actor;

/// <summary>A ref to an actor in this process; every operation goes through its cell's mailbox.</summary>
public sealed class LocalActorRef : ActorRefBase
{
    private readonly ActorSystemImpl _system;
    private readonly IInternalActorRef _parent;

    internal LocalActorRef(ActorSystemImpl system, Props props, MessageDispatcher dispatcher, ActorPath path, IInternalActorRef parent)
    {
        _system = system;
        _parent = parent;
        Path = path;
        Cell = new ActorCell(system, this, props, dispatcher, parent);
    }

    internal ActorCell Cell { get; }

    public override ActorPath Path { get; }
    public override IInternalActorRef Parent => _parent;
    public override IActorRefProvider Provider => _system.Provider;
    public override bool IsLocal => true;
    public override bool IsTerminated => Cell.IsTerminated;

    public override void Tell(object message, IActorRef? sender) => Cell.SendMessage(message, sender);
    public override void SendSystemMessage(ISystemMessage message) => Cell.SendSystemMessage(message);

    public override void Start() => Cell.Start();
    public override void Stop() => Cell.SendSystemMessage(Terminate.Instance);
    public override void Suspend() => Cell.SendSystemMessage(Dispatch.Suspend.Instance);
    public override void Resume(Exception? causedByFailure = null) => Cell.SendSystemMessage(new Dispatch.Resume(causedByFailure));
    public override void Restart(Exception cause) => Cell.SendSystemMessage(new Recreate(cause));

    public override IInternalActorRef GetChild(IReadOnlyList<string> names)
    {
        IInternalActorRef current = this;
        foreach (var name in names)
        {
            if (name.Length == 0) continue;
            if (name == "..")
            {
                current = current.Parent;
                continue;
            }
            if (current is LocalActorRef local)
            {
                if (!local.Cell.TryGetChild(name, out var child)) return global::ActorStream.Runtime.Actor.Nobody.Instance;
                current = child;
            }
            else
            {
                return current.GetChild([name]);
            }
        }
        return current;
    }
}
