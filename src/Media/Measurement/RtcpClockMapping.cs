using ActorStream.Media.Rtp;

namespace ActorStream.Media.Measurement;

/// <summary>
/// What an RTCP sender report says (RFC 3550 6.4.1): RTP timestamp <paramref name="RtpTimestamp"/> is wall-clock time
/// <paramref name="SenderUtc"/> on the sender's clock. Any other RTP timestamp of the stream maps to a wall-clock time
/// by its distance to this one (wrap-aware, the short way round the 32-bit counter). For a live source that stamps
/// frames with their capture time, that is when the frame was captured.
/// </summary>
public sealed record RtcpClockMapping(uint RtpTimestamp, DateTime SenderUtc, int ClockRate)
{
    public static RtcpClockMapping From(RtcpSenderReport report, int clockRate)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockRate);
        return new RtcpClockMapping(report.RtpTimestamp, NtpTimestamp.ToDateTime(report.NtpTimestamp), clockRate);
    }

    /// <summary>The sender's wall-clock time of <paramref name="rtpTimestamp"/>.</summary>
    public DateTime TimeOf(uint rtpTimestamp)
    {
        var units = (long)unchecked((int)(rtpTimestamp - RtpTimestamp));
        return SenderUtc + TimeSpan.FromTicks(units * TimeSpan.TicksPerSecond / ClockRate);
    }
}
