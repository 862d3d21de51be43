using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Event;

/// <summary>A message sent to an actor that is stopped (or to no actor). Sender is DeadLetters when there was none.</summary>
public sealed record DeadLetter(object Message, IActorRef Sender, IActorRef Recipient) : AllDeadLetters(Message, Sender, Recipient);
