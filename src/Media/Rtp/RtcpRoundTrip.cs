namespace ActorStream.Media.Rtp;

/// <summary>
/// Round-trip time from a report block (RFC 3550 6.4.1): arrival time A minus LSR minus DLSR, all in the
/// compact 16.16 NTP format (units of 1/65536 s).
/// </summary>
public static class RtcpRoundTrip
{
    /// <summary>
    /// The round-trip time, or null when the receiver has had no sender report yet (LSR = 0) or the values
    /// are inconsistent (A - LSR smaller than DLSR, e.g. clock trouble).
    /// </summary>
    public static TimeSpan? Compute(uint arrivalCompact, uint lastSenderReport, uint delaySinceLastSenderReport)
    {
        if (lastSenderReport == 0)
        {
            return null;
        }

        // Unsigned subtraction handles the wrap of the 32-bit compact clock every 18 hours.
        var sinceSent = unchecked(arrivalCompact - lastSenderReport);
        if (sinceSent < delaySinceLastSenderReport)
        {
            return null;
        }

        var units = sinceSent - delaySinceLastSenderReport;
        return TimeSpan.FromTicks((long)units * TimeSpan.TicksPerSecond / 65536);
    }

    /// <summary>The same with the report's arrival time as a UTC DateTime.</summary>
    public static TimeSpan? Compute(DateTime arrivalUtc, uint lastSenderReport, uint delaySinceLastSenderReport) =>
        Compute(NtpTimestamp.Compact(NtpTimestamp.FromDateTime(arrivalUtc)), lastSenderReport, delaySinceLastSenderReport);
}
