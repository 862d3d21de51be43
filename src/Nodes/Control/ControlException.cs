namespace ActorStream.Nodes.Control;

/// <summary>A control command could not get its answer; the message says what to check.</summary>
public sealed class ControlException(string message) : Exception(message);
