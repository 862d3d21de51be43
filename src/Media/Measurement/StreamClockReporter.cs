namespace ActorStream.Media.Measurement;

/// <summary>
/// The sender side of the stream clock (like an RTCP sender report): fed every output frame's PTS in order, it says
/// once an interval which capture time a PTS stands for. Frames are read from the capture process on a fixed beat
/// but each a little late by its own jitter; reporting one frame's time as it was would shift every latency of the
/// next interval by that frame's lateness. So a report is the earliest the interval's frames allow: capture time
/// minus stream time, lowest over the interval (the beat itself), plus the reported frame's stream time.
/// Plain code; not thread-safe.
/// </summary>
public sealed class StreamClockReporter
{
    private readonly Func<long, DateTime?> _captureTimeOf;
    private readonly long _intervalTicks;
    private readonly PtsUnwrapper _pts = new();
    private long? _lastReportTicks;
    private long _lowestBaseTicks = long.MaxValue;

    /// <param name="captureTimeOf">The capture time (UTC) of the frame with this PTS, null when unknown (a frame
    /// dropped before the encoder, or not yet recorded).</param>
    /// <param name="interval">Time between reports.</param>
    public StreamClockReporter(Func<long, DateTime?> captureTimeOf, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(captureTimeOf);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _captureTimeOf = captureTimeOf;
        _intervalTicks = interval.Ticks;
    }

    /// <summary>One output frame, at <paramref name="nowTicks"/> (any monotonic clock in 100 ns ticks).</summary>
    /// <returns>The report due now (the PTS and the capture time it stands for), or null.</returns>
    public (long Pts, DateTime CaptureUtc)? OnFrame(long pts, long nowTicks)
    {
        if (_captureTimeOf(pts) is not { } captured)
        {
            return null;
        }

        // Stream time in DateTime ticks (100 ns): PTS is 90 kHz, so × 10 000 000 / 90 000 = × 1000 / 9.
        var streamTicks = _pts.Unwrap(pts) * 1000 / 9;
        _lowestBaseTicks = Math.Min(_lowestBaseTicks, captured.ToUniversalTime().Ticks - streamTicks);
        if (_lastReportTicks is { } last && nowTicks - last < _intervalTicks)
        {
            return null;
        }

        _lastReportTicks = nowTicks;
        var report = (pts, new DateTime(_lowestBaseTicks + streamTicks, DateTimeKind.Utc));
        _lowestBaseTicks = long.MaxValue;
        return report;
    }
}
