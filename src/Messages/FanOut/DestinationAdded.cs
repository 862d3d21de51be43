namespace ActorStream.Messages.FanOut;

/// <summary>The destination is sending (or, when <paramref name="AlreadyPresent"/>, already was: adding twice
/// is idempotent). <paramref name="Name"/> is the destination's actor name, e.g. udp-10.0.0.5-5000.</summary>
public sealed record DestinationAdded(string Uri, string Name, bool AlreadyPresent);
