namespace ActorStream.Runtime.Actor;

/// <summary>Messages the runtime handles itself, in mailbox order, before (or instead of) the actor's Receive.</summary>
public interface IAutoReceivedMessage;
