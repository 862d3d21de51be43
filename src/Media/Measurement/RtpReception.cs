using ActorStream.Media.Rtp;

namespace ActorStream.Media.Measurement;

/// <summary>
/// What a receiver knows of one RTP source (RFC 3550 6.4 and appendix A): loss by sequence numbers
/// (<see cref="RtpSequenceTracker"/>), interarrival jitter, the last sender report (for latency and for the LSR/DLSR
/// of the receiver report it sends back), and the report block describing all of it. Restart keeps the totals but
/// starts the sequence numbers afresh (after a pause the sender's numbers jump). Not thread-safe.
/// </summary>
public sealed class RtpReception
{
    private RtpSequenceTracker _tracker = new();
    private readonly InterarrivalJitter _jitter;
    private long _expectedBefore;
    private long _lostBefore;
    private long _receivedBefore;
    private uint _lastSenderReport;
    private TimeSpan _lastSenderReportArrival;

    public RtpReception(int clockRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockRate);
        ClockRate = clockRate;
        _jitter = new InterarrivalJitter(clockRate, 32);
    }

    public int ClockRate { get; }

    /// <summary>The source's SSRC, from its first packet; null before.</summary>
    public uint? Ssrc { get; private set; }

    public long Packets { get; private set; }

    /// <summary>Bytes of the RTP packets, headers included.</summary>
    public long Bytes { get; private set; }

    /// <summary>Packets expected by their sequence numbers, over every play.</summary>
    public long Expected => _expectedBefore + _tracker.Expected;

    /// <summary>Packets lost (expected minus received; negative when duplicates outnumber losses), over every play.</summary>
    public long Lost => _lostBefore + (_tracker.Expected - _tracker.Received);

    public long Received => _receivedBefore + _tracker.Received;

    public double JitterMs => _jitter.JitterMs;

    /// <summary>The latest sender report's mapping of RTP time to the sender's clock; null before the first.</summary>
    public RtcpClockMapping? Clock { get; private set; }

    /// <summary>Adds a packet that arrived at <paramref name="arrival"/> (a monotonic clock, any origin).</summary>
    public void Add(RtpHeader header, int length, TimeSpan arrival)
    {
        ArgumentNullException.ThrowIfNull(header);
        Ssrc ??= header.Ssrc;
        Packets++;
        Bytes += length;
        _tracker.Add(header.SequenceNumber);
        _jitter.Add(arrival, header.Timestamp);
    }

    /// <summary>Keeps a sender report of this source, received at <paramref name="arrival"/> (the same clock as packets).</summary>
    public void AddSenderReport(RtcpSenderReport report, TimeSpan arrival)
    {
        ArgumentNullException.ThrowIfNull(report);
        Clock = RtcpClockMapping.From(report, ClockRate);
        _lastSenderReport = NtpTimestamp.Compact(report.NtpTimestamp);
        _lastSenderReportArrival = arrival;
    }

    /// <summary>The reception report block for this source as of <paramref name="now"/>; null before any packet.</summary>
    public RtcpReportBlock? ReportBlock(TimeSpan now)
    {
        if (Ssrc is not { } ssrc)
        {
            return null;
        }

        var interval = _tracker.NextInterval();
        // DLSR: delay since that report in units of 1/65536 s, 0 when none came yet (6.4.1).
        var dlsr = _lastSenderReport == 0 ? 0u : (uint)Math.Clamp((now - _lastSenderReportArrival).TotalSeconds * 65536, 0, uint.MaxValue);
        return new RtcpReportBlock(ssrc, interval.FractionLost, (int)Math.Clamp(Lost, -0x800000, 0x7FFFFF),
            (uint)_tracker.ExtendedMax, (uint)_jitter.Jitter, _lastSenderReport, dlsr);
    }

    /// <summary>
    /// Starts sequence numbers and jitter afresh (a new PLAY); the totals so far are kept. The clock mapping is
    /// forgotten until the next sender report: a server that paused its pipeline shifted its RTP timeline.
    /// </summary>
    public void Restart()
    {
        Clock = null;
        _expectedBefore += _tracker.Expected;
        _lostBefore += _tracker.Expected - _tracker.Received;
        _receivedBefore += _tracker.Received;
        _tracker = new RtpSequenceTracker();
        _jitter.ForgetPrevious();
    }
}
