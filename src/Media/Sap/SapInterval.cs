namespace ActorStream.Media.Sap;

/// <summary>
/// How long an announcer waits between rounds of announcements. RFC 2974 §3.1 keeps all announcements of one SAP
/// group under a bandwidth limit (4000 bit/s unless configured): interval = max(300 s, 8 x ads x size / limit).
/// Its 300 s floor is for the global MBone; on a LAN a viewer (VLC) should list a new station within seconds, so the
/// floor here is the configured interval (VLC itself announces every 5 s), while the bandwidth term still stretches
/// the interval when many or large announcements would pass the limit.
/// </summary>
public static class SapInterval
{
    /// <summary>RFC 2974's default bandwidth limit of one SAP group, in bits per second.</summary>
    public const int DefaultLimitBitsPerSecond = 4000;

    /// <param name="floor">The shortest interval (the actorstream.sap.interval setting).</param>
    /// <param name="bytesPerRound">The bytes of one round: every announcement's datagram, plus its UDP/IP headers if
    /// the caller counts them.</param>
    /// <param name="limitBitsPerSecond">The bandwidth limit.</param>
    public static TimeSpan Next(TimeSpan floor, long bytesPerRound, int limitBitsPerSecond = DefaultLimitBitsPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limitBitsPerSecond, 0);
        ArgumentOutOfRangeException.ThrowIfNegative(bytesPerRound);
        var byBandwidth = TimeSpan.FromSeconds(8.0 * bytesPerRound / limitBitsPerSecond);
        return byBandwidth > floor ? byBandwidth : floor;
    }
}
