namespace ActorStream.Nodes.Demo;

/// <summary>The demo cannot go on (a node died, viewers never received); the message says which and why.</summary>
public sealed class DemoFailedException(string message) : Exception(message);
