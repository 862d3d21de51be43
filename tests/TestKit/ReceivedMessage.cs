using ActorStream.Runtime.Actor;

namespace ActorStream.TestKit;

/// <summary>A message a probe received, with its sender.</summary>
public sealed record ReceivedMessage(object Message, IActorRef Sender);
