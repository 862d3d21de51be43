namespace ActorStream.Actors.Metrics;

/// <summary>How the seed's metrics actor works (actorstream.metrics in reference.conf).</summary>
/// <param name="Interval">How often a metrics.log line is written per source.</param>
/// <param name="LatencyWindow">Latency percentiles are taken over the samples of this last stretch of time.</param>
/// <param name="StaleAfter">A viewer silent this long is shown as stale; after ten times as long it is forgotten.</param>
/// <param name="LogPath">The JSON-lines metrics log; null (or empty) writes none.</param>
public sealed record MetricsSettings(TimeSpan Interval, TimeSpan LatencyWindow, TimeSpan StaleAfter, string? LogPath)
{
    /// <summary>reference.conf's values.</summary>
    public static MetricsSettings Default { get; } =
        new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(3), null);
}
