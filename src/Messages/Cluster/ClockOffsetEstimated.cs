namespace ActorStream.Messages.Cluster;

/// <summary>
/// A viewer node's clock-sync actor has a new estimate of the seed's clock (local only, to the receivers).
/// </summary>
/// <param name="Offset">The seed's clock minus this node's.</param>
/// <param name="RoundTrip">The round trip of the sample it came from; the estimate is good to half of it.</param>
/// <param name="Samples">Exchanges seen so far.</param>
public sealed record ClockOffsetEstimated(TimeSpan Offset, TimeSpan RoundTrip, long Samples);
