namespace ActorStream.Messages.Metrics;

/// <summary>One destination of a station's fan-out, as its last report says; <paramref name="BitsPerSecond"/> is
/// worked out by the metrics actor from successive reports.</summary>
public sealed record DestinationMetrics(
    string Station, string Name, string Uri, string Kind, long Bytes, long Datagrams, double BitsPerSecond,
    int QueueDepth, long Drops, bool Connected, int Clients, int Restarts);
