namespace ActorStream.Runtime.Actor;

/// <summary>Raised by processing <see cref="Kill"/>. The default decider stops the actor.</summary>
public sealed class ActorKilledException(string message = "Kill") : Exception(message);
