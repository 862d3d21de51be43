using System.Collections.Immutable;

namespace ActorStream.Runtime.Cluster.Model;

/// <summary>
/// Immutable sliding window of heartbeat intervals (ms) with running sums, so mean and variance cost O(1).
/// The oldest interval is dropped when the window is full.
/// </summary>
public sealed class HeartbeatHistory
{
    private HeartbeatHistory(int maxSampleSize, ImmutableQueue<long> intervals, int count, long sum, double squaredSum)
    {
        MaxSampleSize = maxSampleSize;
        Intervals = intervals;
        Count = count;
        IntervalSum = sum;
        SquaredIntervalSum = squaredSum;
    }

    public static HeartbeatHistory Create(int maxSampleSize)
    {
        if (maxSampleSize < 1) throw new ArgumentOutOfRangeException(nameof(maxSampleSize), maxSampleSize, "must be at least 1");
        return new HeartbeatHistory(maxSampleSize, ImmutableQueue<long>.Empty, 0, 0, 0);
    }

    public int MaxSampleSize { get; }
    public ImmutableQueue<long> Intervals { get; }
    public int Count { get; }
    public long IntervalSum { get; }
    public double SquaredIntervalSum { get; }

    public double Mean => Count == 0 ? 0 : (double)IntervalSum / Count;

    /// <summary>Population variance: E[x²] − mean².</summary>
    public double Variance => Count == 0 ? 0 : Math.Max(0, SquaredIntervalSum / Count - Mean * Mean);

    public double StdDeviation => Math.Sqrt(Variance);

    /// <summary>This history with <paramref name="interval"/> appended (and the oldest dropped when full).</summary>
    public HeartbeatHistory Add(long interval)
    {
        var intervals = Intervals;
        var count = Count;
        var sum = IntervalSum;
        var squared = SquaredIntervalSum;
        if (count >= MaxSampleSize)
        {
            intervals = intervals.Dequeue(out var oldest);
            count--;
            sum -= oldest;
            squared -= (double)oldest * oldest;
        }
        return new HeartbeatHistory(MaxSampleSize, intervals.Enqueue(interval), count + 1, sum + interval, squared + (double)interval * interval);
    }
}
