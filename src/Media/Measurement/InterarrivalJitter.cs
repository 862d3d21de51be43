namespace ActorStream.Media.Measurement;

/// <summary>
/// The interarrival jitter of RFC 3550 (section 6.4.1, appendix A.8): for each pair of successive packets
/// i, j, D = (Rj - Ri) - (Sj - Si) with R the arrival time and S the media timestamp, both in timestamp
/// units; the estimate moves a sixteenth of the way toward |D| each time (J += (|D| - J) / 16), which
/// smooths noise while following real changes. Timestamps wrap at 2^<c>timestampBits</c> (33 for MPEG PTS,
/// 32 for RTP) and their differences are taken the short way round. Arrival times are doubles so nothing
/// is lost converting from clock ticks. Not thread-safe.
/// </summary>
public sealed class InterarrivalJitter
{
    private readonly long _mask;
    private readonly long _half;
    private double _lastArrival;
    private long _lastTimestamp;
    private bool _hasPrevious;

    /// <param name="clockRate">Timestamp units per second: 90 000 for video.</param>
    /// <param name="timestampBits">Width of the timestamps, 1..62: 33 for MPEG-TS PTS, 32 for RTP.</param>
    public InterarrivalJitter(int clockRate = 90_000, int timestampBits = 33)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockRate);
        ArgumentOutOfRangeException.ThrowIfLessThan(timestampBits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(timestampBits, 62);
        ClockRate = clockRate;
        _mask = (1L << timestampBits) - 1;
        _half = 1L << (timestampBits - 1);
    }

    public int ClockRate { get; }

    /// <summary>The estimate J in timestamp units.</summary>
    public double Jitter { get; private set; }

    /// <summary>The estimate in milliseconds.</summary>
    public double JitterMs => Jitter * 1000.0 / ClockRate;

    /// <summary>Differences D folded into the estimate so far.</summary>
    public long Samples { get; private set; }

    /// <summary>Adds a packet that arrived at <paramref name="arrival"/> (any fixed origin) with <paramref name="timestamp"/>.</summary>
    public void Add(TimeSpan arrival, long timestamp) =>
        AddInUnits(arrival.Ticks * (double)ClockRate / TimeSpan.TicksPerSecond, timestamp);

    /// <summary>Adds a packet whose arrival time is already in timestamp units.</summary>
    public void AddInUnits(double arrival, long timestamp)
    {
        if (_hasPrevious)
        {
            var d = (arrival - _lastArrival) - TimestampDifference(timestamp, _lastTimestamp);
            Jitter += (Math.Abs(d) - Jitter) / 16.0;
            Samples++;
        }

        _lastArrival = arrival;
        _lastTimestamp = timestamp;
        _hasPrevious = true;
    }

    /// <summary>
    /// Forgets the previous packet but keeps the estimate: the next pair starts fresh. For a timestamp
    /// discontinuity (encoder restart), where one D would be meaningless and huge.
    /// </summary>
    public void ForgetPrevious() => _hasPrevious = false;

    private long TimestampDifference(long to, long from)
    {
        var d = (to - from) & _mask;
        return d >= _half ? d - (_mask + 1) : d;
    }
}
