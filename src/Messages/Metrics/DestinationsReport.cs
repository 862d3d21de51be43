using ActorStream.Messages.FanOut;

namespace ActorStream.Messages.Metrics;

/// <summary>
/// Published on the seed's event stream by each fan-out sender once a second: the last figures of every one of its
/// destinations (each destination reports them to the fan-out once a second). The metrics actor subscribes.
/// </summary>
public sealed record DestinationsReport(string Station, DateTime AtUtc, IReadOnlyList<DestinationStatus> Destinations);
