using ActorStream.Runtime.Dispatch;

namespace ActorStream.Runtime.Actor;

/// <summary>Common base of every ref: equality by path + uid, Akka-style ToString.</summary>
public abstract class ActorRefBase : IInternalActorRef
{
    public abstract ActorPath Path { get; }
    public abstract IInternalActorRef Parent { get; }
    public abstract IActorRefProvider Provider { get; }
    public abstract bool IsLocal { get; }
    public abstract bool IsTerminated { get; }

    public abstract void Tell(object message, IActorRef? sender);
    public abstract void SendSystemMessage(ISystemMessage message);

    public virtual void Start() { }
    public virtual void Stop() { }
    public virtual void Suspend() { }
    public virtual void Resume(Exception? causedByFailure = null) { }
    public virtual void Restart(Exception cause) { }
    public virtual IInternalActorRef GetChild(IReadOnlyList<string> names) => names.Count == 0 ? this : global::ActorStream.Runtime.Actor.Nobody.Instance;

    public bool Equals(IActorRef? other) => ActorRefs.AreEqual(this, other);
    public override bool Equals(object? obj) => obj is IActorRef other && Equals(other);
    public override int GetHashCode() => ActorRefs.HashOf(this);
    public int CompareTo(IActorRef? other) => ActorRefs.Compare(this, other);
    public override string ToString() => $"[{Path}#{Path.Uid}]";
}
