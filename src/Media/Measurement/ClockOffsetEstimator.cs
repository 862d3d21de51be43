namespace ActorStream.Media.Measurement;

/// <summary>
/// Estimates another node's clock offset from request/response exchanges, as NTP does: for a request sent at t0
/// (local clock), answered at t1 (remote clock) and received back at t3 (local clock), the offset is
/// t1 - (t0 + t3) / 2 and its error is at most half the round trip t3 - t0. Of the last few samples the one with
/// the shortest round trip wins (NTP's clock filter): queueing delays only lengthen round trips, so the shortest
/// is the least skewed. Plain code; not thread-safe.
/// </summary>
public sealed class ClockOffsetEstimator
{
    /// <summary>A longer round trip says nothing useful about the offset (its error bound is half of it).</summary>
    public static readonly TimeSpan MaxRoundTrip = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A clock further off than this is garbage from the wire, not a clock: 100 years, far beyond any real clock
    /// error, yet small enough that the offset fits a TimeSpan and a DateTime plus it stays representable.
    /// </summary>
    public static readonly TimeSpan MaxOffset = TimeSpan.FromDays(36_525);

    private readonly (long OffsetUs, long RoundTripUs)[] _window;
    private int _next;
    private int _count;
    private long _samples;

    /// <param name="window">Samples kept to choose from (8 at one heartbeat per 200 ms: the best of the last 1.6 s).</param>
    public ClockOffsetEstimator(int window = 8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        _window = new (long, long)[window];
    }

    /// <summary>The current estimate; null before the first usable sample.</summary>
    public ClockOffset? Current { get; private set; }

    /// <summary>Adds one exchange (all in microseconds); returns false, changing nothing, when its times are inconsistent
    /// or out of bounds (<see cref="MaxRoundTrip"/>, <see cref="MaxOffset"/>): the remote times come from the wire.</summary>
    /// <param name="sentUs">t0: request sent, local clock.</param>
    /// <param name="remoteUs">t1: request answered, remote clock.</param>
    /// <param name="receivedUs">t3: answer received, local clock.</param>
    public bool Add(long sentUs, long remoteUs, long receivedUs)
    {
        var roundTrip = receivedUs - sentUs;
        if (sentUs <= 0 || remoteUs <= 0 || roundTrip < 0 || roundTrip > (long)MaxRoundTrip.TotalMicroseconds)
        {
            return false;
        }

        // (t0 + t3) / 2 without overflow; all three are positive, so no difference overflows either.
        var offset = remoteUs - (sentUs + roundTrip / 2);
        if (Math.Abs(offset) > (long)MaxOffset.TotalMicroseconds)
        {
            // E.g. a remote time of long.MaxValue: TimeSpan.FromMicroseconds would throw in the cluster daemon.
            return false;
        }

        _window[_next] = (offset, roundTrip);
        _next = (_next + 1) % _window.Length;
        _count = Math.Min(_count + 1, _window.Length);
        _samples++;

        var best = _window[0];
        for (var i = 1; i < _count; i++)
        {
            if (_window[i].RoundTripUs < best.RoundTripUs)
            {
                best = _window[i];
            }
        }

        Current = new ClockOffset(TimeSpan.FromMicroseconds(best.OffsetUs), TimeSpan.FromMicroseconds(best.RoundTripUs), _samples);
        return true;
    }
}
