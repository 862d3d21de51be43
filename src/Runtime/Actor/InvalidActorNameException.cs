namespace ActorStream.Runtime.Actor;

/// <summary>Thrown when an actor name is empty, contains illegal characters or is already taken.</summary>
public sealed class InvalidActorNameException(string message) : Exception(message);
