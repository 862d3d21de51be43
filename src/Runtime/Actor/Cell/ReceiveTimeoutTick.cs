namespace ActorStream.Runtime.Actor;

/// <summary>Internal check message of the receive timeout; stale generations are ignored.</summary>
internal sealed record ReceiveTimeoutTick(int Generation) : IAutoReceivedMessage, INotInfluenceReceiveTimeout;
