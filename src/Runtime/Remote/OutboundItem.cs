using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Remote;

/// <summary>An encoded frame waiting for its connection, with what it carries so a drop can become a dead letter.</summary>
internal readonly record struct OutboundItem(byte[] Frame, object? Message, IActorRef? Sender, IActorRef? Recipient);
