namespace ActorStream.Messages.FanOut;

/// <summary>Command: stop sending to a destination, named by the URI it was added with.
/// Answered with <see cref="DestinationRemoved"/> or <see cref="DestinationNotFound"/>.</summary>
public sealed record RemoveDestination(string Uri);
