namespace ActorStream.Nodes.Hosting;

/// <summary>A node could not start for a reason its user can fix (e.g. its port is taken); the message says how.</summary>
public sealed class NodeStartException(string message, Exception? inner = null) : Exception(message, inner);
