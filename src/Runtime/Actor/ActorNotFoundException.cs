namespace ActorStream.Runtime.Actor;

/// <summary>An actor selection matched no actor when it had to be resolved to one ref.</summary>
public sealed class ActorNotFoundException(string message) : Exception(message);
