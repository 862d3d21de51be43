using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Event;

/// <summary>A message the recipient's behavior did not handle.</summary>
public sealed record UnhandledMessage(object Message, IActorRef Sender, IActorRef Recipient) : AllDeadLetters(Message, Sender, Recipient);
