namespace ActorStream.Runtime.Actor;

/// <summary>No reply to an Ask arrived within its timeout.</summary>
public sealed class AskTimeoutException(string message) : TimeoutException(message);
