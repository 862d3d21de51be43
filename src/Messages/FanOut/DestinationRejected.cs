namespace ActorStream.Messages.FanOut;

/// <summary>An <see cref="AddDestination"/> that changed nothing, and why (bad scheme, host, port...).</summary>
public sealed record DestinationRejected(string Uri, string Reason);
