using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Dispatch;

/// <summary>A user message and its sender as stored in a mailbox. A struct, so enqueueing does not allocate a wrapper.</summary>
public readonly struct Envelope(object message, IActorRef? sender)
{
    public object Message { get; } = message;
    public IActorRef? Sender { get; } = sender;

    public override string ToString() => $"<{Message.GetType().Name}> from {Sender?.ToString() ?? "NoSender"}";
}
