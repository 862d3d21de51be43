using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Dispatch;

/// <summary>Child to parent: "I failed with <see cref="Cause"/> and I am suspended; decide."</summary>
internal sealed class Failed(IActorRef child, Exception cause, long uid) : ISystemMessage
{
    public IActorRef Child { get; } = child;
    public Exception Cause { get; } = cause;
    public long Uid { get; } = uid;
}
