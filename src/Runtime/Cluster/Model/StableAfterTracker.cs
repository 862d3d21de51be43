using System.Collections.Immutable;

namespace ActorStream.Runtime.Cluster.Model;

/// <summary>
/// Tells when the unreachable set has been the same, and non-empty, for the stable-after duration, so that the
/// downing decision is taken on a settled picture and not on a flapping failure detector.
/// Any change of the set (or an explicit Reset, e.g. on a membership change) restarts the clock.
/// </summary>
public sealed class StableAfterTracker
{
    private ImmutableHashSet<UniqueAddress> _current = [];
    private long _sinceMs;

    public StableAfterTracker(TimeSpan stableAfter)
    {
        if (stableAfter < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(stableAfter), stableAfter, "must be >= 0");
        StableAfterMs = (long)stableAfter.TotalMilliseconds;
    }

    public long StableAfterMs { get; }

    /// <summary>The set last observed.</summary>
    public IReadOnlySet<UniqueAddress> Current => _current;

    /// <summary>Records the unreachable set seen at <paramref name="nowMs"/>; true when it is non-empty and unchanged for stable-after.</summary>
    public bool Observe(IReadOnlySet<UniqueAddress> unreachable, long nowMs)
    {
        if (!_current.SetEquals(unreachable))
        {
            _current = [.. unreachable];
            _sinceMs = nowMs;
        }
        return _current.Count > 0 && nowMs - _sinceMs >= StableAfterMs;
    }

    /// <summary>Restarts the stable-after clock at <paramref name="nowMs"/> (e.g. a member joined or was removed).</summary>
    public void Reset(long nowMs) => _sinceMs = nowMs;
}
