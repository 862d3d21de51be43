namespace ActorStream.Media.Measurement;

/// <summary>p50/p95/p99 of a set of samples (nearest rank), null when there were none.</summary>
public readonly record struct LatencySummary(double? P50, double? P95, double? P99, int Count)
{
    public static LatencySummary Empty => new(null, null, null, 0);
}
