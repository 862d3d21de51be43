using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Event;

/// <summary>Base of the events about messages that reached no handler (subscribe to it to see them all).</summary>
public abstract record AllDeadLetters(object Message, IActorRef Sender, IActorRef Recipient);
