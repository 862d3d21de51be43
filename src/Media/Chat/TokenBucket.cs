namespace ActorStream.Media.Chat;

/// <summary>
/// A token bucket: up to <c>burst</c> actions at once, then <c>perSecond</c> on average. The clock is the caller's
/// (a monotonic one, e.g. Stopwatch elapsed time), so the arithmetic is tested without waiting. It starts full.
/// </summary>
public sealed class TokenBucket
{
    // Tokens short of one by less than this count as one: a caller that waits exactly the time TryTake gave must get
    // its token, whatever the rounding of elapsed ticks times the rate.
    private const double Tolerance = 1e-9;

    private readonly double _burst;
    private readonly double _perSecond;
    private double _tokens;
    private TimeSpan _last;

    /// <param name="burst">How many tokens the bucket holds (at least 1).</param>
    /// <param name="perSecond">How many tokens come back per second (more than 0).</param>
    /// <param name="now">The caller's clock now.</param>
    public TokenBucket(double burst, double perSecond, TimeSpan now)
    {
        if (!double.IsFinite(burst) || burst < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(burst), burst, "The burst must be a number of at least 1.");
        }

        if (!double.IsFinite(perSecond) || perSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(perSecond), perSecond, "The rate must be a number above 0 per second.");
        }

        _burst = burst;
        _perSecond = perSecond;
        _tokens = burst;
        _last = now;
    }

    /// <summary>Takes one token: <see cref="TimeSpan.Zero"/> when one was there; otherwise nothing is taken and the
    /// result is how long until one will be.</summary>
    public TimeSpan TryTake(TimeSpan now)
    {
        // A clock that seems to go back (it should not) adds nothing and does not move the reference point back.
        if (now > _last)
        {
            _tokens = Math.Min(_burst, _tokens + (now - _last).Ticks * _perSecond / TimeSpan.TicksPerSecond);
            _last = now;
        }

        if (_tokens >= 1 - Tolerance)
        {
            _tokens = Math.Max(0, _tokens - 1);
            return TimeSpan.Zero;
        }

        var ticks = Math.Ceiling((1 - _tokens) * TimeSpan.TicksPerSecond / _perSecond);
        return ticks >= TimeSpan.MaxValue.Ticks / 2.0 ? TimeSpan.MaxValue : TimeSpan.FromTicks(Math.Max(1, (long)ticks));
    }
}
