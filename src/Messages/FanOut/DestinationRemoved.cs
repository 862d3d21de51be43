namespace ActorStream.Messages.FanOut;

public sealed record DestinationRemoved(string Uri, string Name);
