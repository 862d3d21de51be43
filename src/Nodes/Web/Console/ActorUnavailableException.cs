namespace ActorStream.Nodes.Web.Console;

/// <summary>An actor the console asked did not answer in time (or is not started): the request answers 503 with
/// <see cref="Exception.Message"/>.</summary>
public sealed class ActorUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
