namespace ActorStream.Messages.FanOut;

public sealed record DestinationList(IReadOnlyList<DestinationStatus> Destinations);
