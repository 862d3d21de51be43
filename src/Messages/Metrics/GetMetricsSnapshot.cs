namespace ActorStream.Messages.Metrics;

/// <summary>Query to /user/metrics on the seed: answered with <see cref="MetricsSnapshot"/>.</summary>
public sealed record GetMetricsSnapshot
{
    public static GetMetricsSnapshot Instance { get; } = new();
}
