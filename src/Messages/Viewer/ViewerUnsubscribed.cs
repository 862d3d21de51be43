namespace ActorStream.Messages.Viewer;

/// <summary>The viewer's destination is gone; <paramref name="WasSubscribed"/> is false when there was none
/// (unsubscribing is idempotent too).</summary>
public sealed record ViewerUnsubscribed(string ViewerId, string DestinationName, bool WasSubscribed);
