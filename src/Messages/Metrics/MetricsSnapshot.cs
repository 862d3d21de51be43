namespace ActorStream.Messages.Metrics;

/// <summary>The cluster-wide picture the seed's metrics actor keeps: every station, viewer and destination.</summary>
/// <param name="AtUtc">When it was taken (the seed's clock).</param>
public sealed record MetricsSnapshot(
    DateTime AtUtc, IReadOnlyList<StationMetrics> Stations, IReadOnlyList<ViewerMetrics> Viewers,
    IReadOnlyList<DestinationMetrics> Destinations);
