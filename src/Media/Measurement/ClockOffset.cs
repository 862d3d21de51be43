namespace ActorStream.Media.Measurement;

/// <summary>
/// How far another node's wall clock is from this node's, as estimated from heartbeat round trips.
/// </summary>
/// <param name="Offset">The other node's clock minus this node's: add it to a local time to get the other's.</param>
/// <param name="RoundTrip">The round trip of the sample the estimate came from; the estimate's error is at most half of it.</param>
/// <param name="Samples">Round trips seen so far.</param>
public readonly record struct ClockOffset(TimeSpan Offset, TimeSpan RoundTrip, long Samples)
{
    /// <summary>
    /// The smallest correction the measurement demands: the true offset lies within <see cref="Offset"/> ± half the
    /// round trip, so this is the value of that interval nearest zero. Clocks that agree within the measurement's
    /// own uncertainty (one machine, or NTP-synchronised hosts on a LAN) get no correction, instead of one that is
    /// mostly the asymmetry of a round trip — which, applied to a latency of 2 ms, could make it negative.
    /// </summary>
    public TimeSpan Correction
    {
        get
        {
            var half = RoundTrip / 2;
            return Offset > half ? Offset - half : Offset < -half ? Offset + half : TimeSpan.Zero;
        }
    }
}
