namespace ActorStream.Media.Measurement;

/// <summary>
/// Percentiles by the nearest-rank method: the p-th percentile of N sorted values is the value at rank
/// ⌈p/100 · N⌉ (1-based), so it is always one of the measured values, never an interpolation. For example
/// the median of [1, 2, 3, 4] is 2 and the 95th percentile of 1..20 is 19.
/// </summary>
public static class Percentiles
{
    /// <summary>The nearest-rank percentile of values sorted ascending; null when there are none.</summary>
    /// <param name="sorted">Ascending values (NaN excluded by the caller).</param>
    /// <param name="percentile">In (0, 100]; 0 gives the smallest value.</param>
    public static double? NearestRank(ReadOnlySpan<double> sorted, double percentile)
    {
        if (double.IsNaN(percentile) || percentile < 0 || percentile > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "a percentile is between 0 and 100");
        }

        if (sorted.IsEmpty)
        {
            return null;
        }

        // p·N is an exact integer for whole percentiles, so the ceiling does not suffer from 0.95·20 = 19.000…01.
        var rank = (long)Math.Ceiling(percentile * sorted.Length / 100.0);
        return sorted[(int)Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    /// <summary>p50, p95 and p99 of values in any order (the span is sorted in place).</summary>
    public static LatencySummary Summarize(Span<double> values)
    {
        values.Sort();
        return new LatencySummary(
            NearestRank(values, 50), NearestRank(values, 95), NearestRank(values, 99), values.Length);
    }
}
