namespace ActorStream.Messages.FanOut;

/// <summary>A <see cref="RemoveDestination"/> for a destination that is not there (or a URI that does not
/// parse, which cannot name one).</summary>
public sealed record DestinationNotFound(string Uri, string Reason);
