namespace ActorStream.Messages.FanOut;

/// <summary>A fan-out sender's totals, sent to its station once a second.</summary>
public sealed record FanOutSummary(int Destinations, long Drops, long Bytes);
