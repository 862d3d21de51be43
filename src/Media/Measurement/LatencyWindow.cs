namespace ActorStream.Media.Measurement;

/// <summary>
/// Latency samples of the last stretch of time: each sample is stamped when it was added, samples older than the
/// window are evicted, and at most <see cref="Capacity"/> are kept (the oldest go first), so a flood of samples
/// cannot grow it without bound. Not thread-safe: one owner (an actor) uses it.
/// </summary>
public sealed class LatencyWindow
{
    public const int DefaultCapacity = 100_000;

    private readonly Queue<(DateTime At, double Value)> _samples = new();

    public LatencyWindow(TimeSpan window, int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Window = window;
        Capacity = capacity;
    }

    public TimeSpan Window { get; }

    public int Capacity { get; }

    /// <summary>Samples held now (evict first for the count within the window).</summary>
    public int Count => _samples.Count;

    /// <summary>Adds a sample taken at <paramref name="at"/>; NaN and infinities are ignored (false).</summary>
    public bool Add(DateTime at, double value)
    {
        if (!double.IsFinite(value))
        {
            return false;
        }

        if (_samples.Count == Capacity)
        {
            _samples.Dequeue();
        }

        _samples.Enqueue((at, value));
        return true;
    }

    /// <summary>Drops the samples older than the window as seen at <paramref name="now"/>.</summary>
    public void Evict(DateTime now)
    {
        var oldest = now - Window;
        // Samples are added in arrival order, so the old ones are at the front.
        while (_samples.TryPeek(out var first) && first.At < oldest)
        {
            _samples.Dequeue();
        }
    }

    /// <summary>Appends the samples held now to <paramref name="into"/> (to pool several windows).</summary>
    public void CopyValuesTo(List<double> into)
    {
        foreach (var (_, value) in _samples)
        {
            into.Add(value);
        }
    }

    /// <summary>Evicts as of <paramref name="now"/>, then p50/p95/p99 of what is left.</summary>
    public LatencySummary Summarize(DateTime now)
    {
        Evict(now);
        if (_samples.Count == 0)
        {
            return LatencySummary.Empty;
        }

        var values = new double[_samples.Count];
        var i = 0;
        foreach (var (_, value) in _samples)
        {
            values[i++] = value;
        }

        return Percentiles.Summarize(values);
    }
}
