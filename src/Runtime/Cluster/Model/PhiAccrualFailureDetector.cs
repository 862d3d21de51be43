namespace ActorStream.Runtime.Cluster.Model;

/// <summary>
/// Phi accrual failure detector (Hayashibara et al., as in Akka): phi = −log10(P(a heartbeat arrives later than
/// now)), with heartbeat intervals modelled as a normal distribution of the observed mean (plus the acceptable
/// pause) and std deviation (at least minStdDeviation). The node is suspected when phi reaches the threshold.
/// Not thread-safe: owned by one actor. Times are milliseconds on the caller's monotonic clock.
/// </summary>
public sealed class PhiAccrualFailureDetector : IFailureDetector
{
    private HeartbeatHistory _history;
    private long? _lastTimestamp;

    /// <param name="threshold">Phi at which the node is suspected (Akka: 8).</param>
    /// <param name="maxSampleSize">Intervals kept in the history.</param>
    /// <param name="minStdDeviation">Floor of the std deviation, so very regular heartbeats do not make phi jumpy.</param>
    /// <param name="acceptableHeartbeatPause">Pause tolerated on top of the mean interval (GC, load).</param>
    /// <param name="firstHeartbeatEstimate">Assumed interval before real ones are known.</param>
    public PhiAccrualFailureDetector(double threshold, int maxSampleSize, TimeSpan minStdDeviation,
        TimeSpan acceptableHeartbeatPause, TimeSpan firstHeartbeatEstimate)
    {
        if (threshold <= 0) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "must be > 0");
        if (minStdDeviation <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(minStdDeviation), minStdDeviation, "must be > 0");
        if (acceptableHeartbeatPause < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(acceptableHeartbeatPause), acceptableHeartbeatPause, "must be >= 0");
        if (firstHeartbeatEstimate <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(firstHeartbeatEstimate), firstHeartbeatEstimate, "must be > 0");
        Threshold = threshold;
        MaxSampleSize = maxSampleSize;
        MinStdDeviationMs = minStdDeviation.TotalMilliseconds;
        AcceptableHeartbeatPauseMs = (long)acceptableHeartbeatPause.TotalMilliseconds;
        FirstHeartbeatEstimateMs = (long)firstHeartbeatEstimate.TotalMilliseconds;
        _history = HeartbeatHistory.Create(maxSampleSize);
    }

    public double Threshold { get; }
    public int MaxSampleSize { get; }
    public double MinStdDeviationMs { get; }
    public long AcceptableHeartbeatPauseMs { get; }
    public long FirstHeartbeatEstimateMs { get; }

    /// <summary>The intervals seen so far (seeded with two around the first estimate).</summary>
    public HeartbeatHistory History => _history;

    public bool IsMonitoring => _lastTimestamp.HasValue;

    public void Heartbeat(long nowMs)
    {
        if (_lastTimestamp is not { } last)
        {
            // Seed the history with two samples around the estimate: mean = estimate, std dev = estimate / 4.
            var sd = FirstHeartbeatEstimateMs / 4;
            _history = HeartbeatHistory.Create(MaxSampleSize).Add(FirstHeartbeatEstimateMs - sd).Add(FirstHeartbeatEstimateMs + sd);
        }
        else if (IsAvailable(nowMs))
        {
            // The first heartbeat after a suspicion is not recorded: the long gap would skew the statistics.
            _history = _history.Add(nowMs - last);
        }
        _lastTimestamp = nowMs;
    }

    /// <summary>Suspicion level now; 0 before the first heartbeat (an unmonitored node is treated as healthy).</summary>
    public double Phi(long nowMs)
    {
        if (_lastTimestamp is not { } last) return 0.0;
        var timeDiff = nowMs - last;
        var stdDeviation = Math.Max(_history.StdDeviation, MinStdDeviationMs);
        return PhiOf(timeDiff, _history.Mean + AcceptableHeartbeatPauseMs, stdDeviation);
    }

    public bool IsAvailable(long nowMs) => Phi(nowMs) < Threshold;

    /// <summary>
    /// phi for a time since the last heartbeat, given mean and std deviation, using Akka's logistic approximation
    /// of the normal CDF: P(X ≤ x) ≈ 1 / (1 + e^(−y(1.5976 + 0.070566y²))), y = (x − mean)/sd.
    /// </summary>
    public static double PhiOf(double timeDiff, double mean, double stdDeviation)
    {
        var y = (timeDiff - mean) / stdDeviation;
        var e = Math.Exp(-y * (1.5976 + 0.070566 * y * y));
        // Two algebraically equal forms, each numerically stable on its side of the mean.
        return timeDiff > mean ? -Math.Log10(e / (1.0 + e)) : -Math.Log10(1.0 - 1.0 / (1.0 + e));
    }
}
