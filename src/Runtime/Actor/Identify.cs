namespace ActorStream.Runtime.Actor;

/// <summary>Every actor answers with <see cref="ActorIdentity"/> (used to resolve selections into refs).</summary>
public sealed record Identify(object? MessageId) : IAutoReceivedMessage;
