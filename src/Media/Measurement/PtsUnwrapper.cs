namespace ActorStream.Media.Measurement;

/// <summary>
/// Turns 33-bit MPEG timestamps (90 kHz, wrapping every 2^33 ticks, about 26.5 hours) into a monotonic
/// 64-bit timeline: each value is placed at the wrap-aware distance from the previous one, so a wrap moves
/// forward by a small step and a small step back (B-frame reordering) moves back. Not thread-safe.
/// </summary>
public sealed class PtsUnwrapper
{
    public const long Modulus = 1L << 33;
    private const long Half = 1L << 32;
    private long _lastRaw;
    private long _lastExtended;
    private bool _started;

    /// <summary>The last extended value; meaningless before the first <see cref="Unwrap"/>.</summary>
    public long Last => _lastExtended;

    /// <summary>
    /// The signed distance from <paramref name="from"/> to <paramref name="to"/> modulo 2^33, mapped to
    /// [-2^32, 2^32): the shorter way round the wrap. E.g. Difference(5, 2^33 - 5) = 10.
    /// </summary>
    public static long Difference(long to, long from)
    {
        var d = (to - from) & (Modulus - 1);
        return d >= Half ? d - Modulus : d;
    }

    /// <summary>The extended value of a raw timestamp (only its low 33 bits are used). The first one is kept as is.</summary>
    public long Unwrap(long raw)
    {
        raw &= Modulus - 1;
        if (!_started)
        {
            _started = true;
            _lastExtended = raw;
        }
        else
        {
            _lastExtended += Difference(raw, _lastRaw);
        }

        _lastRaw = raw;
        return _lastExtended;
    }

    /// <summary>Forgets the history: the next value starts a new timeline (e.g. after an encoder restart).</summary>
    public void Reset() => _started = false;
}
