namespace ActorStream.Media.Measurement;

/// <summary>
/// What the seed publishes, like an RTCP sender report: the frame with 33-bit PTS <paramref name="Pts"/>
/// was captured at <paramref name="CaptureUtc"/> (seed's clock). Any other frame's capture time follows from
/// its PTS distance to this one (wrap-aware, so up to ±13 hours from the report). Immutable.
/// </summary>
public sealed record StreamClockMapping(long Pts, DateTime CaptureUtc)
{
    /// <summary>Timestamp units per second of MPEG PTS.</summary>
    public const int ClockRate = 90_000;

    /// <summary>captureUtc + wrapAwareDiff(pts, reportPts) / 90 000 s, to the nearest 100 ns tick.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The result lies outside <see cref="DateTime"/>'s range.</exception>
    public DateTime CaptureTimeOf(long pts) => CaptureUtc + TimeSpan.FromTicks(TicksFromReport(pts));

    /// <summary>
    /// The same as <see cref="DateTime.Ticks"/>, but never throws: a mapping that came over the wire may be garbage
    /// (CaptureUtc near <see cref="DateTime.MinValue"/>), and the receive loop that asks must not die of it.
    /// The result may lie up to about 13 hours (2^32 units) outside DateTime's range.
    /// </summary>
    public long CaptureTicksOf(long pts) => CaptureUtc.Ticks + TicksFromReport(pts);

    private long TicksFromReport(long pts)
    {
        var units = PtsUnwrapper.Difference(pts, Pts);

        // 1 unit = 10^7 / 90 000 = 1000/9 ticks; |units| < 2^32 keeps the product far from overflow.
        return (long)Math.Round(units * 1000.0 / 9.0);
    }
}
