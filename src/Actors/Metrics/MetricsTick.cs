namespace ActorStream.Actors.Metrics;

/// <summary>Timer message: once per interval, forget the long-silent and write the metrics log.</summary>
internal sealed record MetricsTick
{
    public static MetricsTick Instance { get; } = new();
}
