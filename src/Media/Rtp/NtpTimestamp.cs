namespace ActorStream.Media.Rtp;

/// <summary>
/// 64-bit NTP timestamps (RFC 3550 4): seconds since 1900-01-01 UTC in the high 32 bits, the fraction in the low 32.
/// </summary>
public static class NtpTimestamp
{
    private static readonly DateTime Epoch = new(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static ulong FromDateTime(DateTime utc)
    {
        if (utc.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException($"NTP time needs a UTC DateTime; got Kind={utc.Kind}.", nameof(utc));
        }

        var ticks = (utc - Epoch).Ticks;
        var seconds = (ulong)(ticks / TimeSpan.TicksPerSecond);
        var fraction = (ulong)(ticks % TimeSpan.TicksPerSecond) * (1UL << 32) / TimeSpan.TicksPerSecond;

        // The seconds field wraps in 2036 (era 1); keeping the low 32 bits is what the wire format does.
        return ((seconds & 0xFFFFFFFF) << 32) | fraction;
    }

    /// <summary>The NTP time back as a UTC DateTime, assuming era 0 (1900..2036).</summary>
    public static DateTime ToDateTime(ulong ntp)
    {
        var seconds = (long)(ntp >> 32);
        var fractionTicks = (long)((ntp & 0xFFFFFFFF) * (ulong)TimeSpan.TicksPerSecond >> 32);
        return Epoch.AddTicks((seconds * TimeSpan.TicksPerSecond) + fractionTicks);
    }

    /// <summary>The middle 32 bits (16.16 fixed point seconds): the LSR field and the RTT arithmetic use these.</summary>
    public static uint Compact(ulong ntp) => (uint)(ntp >> 16);
}
