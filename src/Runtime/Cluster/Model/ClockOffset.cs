namespace ActorStream.Runtime.Cluster.Model;

/// <summary>
/// How far another node's wall clock is from this node's, as estimated from heartbeat round trips.
/// </summary>
/// <param name="Offset">The other node's clock minus this node's: add it to a local time to get the other's.</param>
/// <param name="RoundTrip">The round trip of the sample the estimate came from; the estimate's error is at most half of it.</param>
/// <param name="Samples">Round trips seen so far.</param>
public readonly record struct ClockOffset(TimeSpan Offset, TimeSpan RoundTrip, long Samples);
