using ActorStream.Messages.Rtsp;

namespace ActorStream.Messages.Metrics;

/// <summary>The cluster-wide picture the seed's metrics actor keeps: every station, viewer, destination and RTSP session.</summary>
/// <param name="AtUtc">When it was taken (the seed's clock).</param>
public sealed record MetricsSnapshot(
    DateTime AtUtc, IReadOnlyList<StationMetrics> Stations, IReadOnlyList<ViewerMetrics> Viewers,
    IReadOnlyList<DestinationMetrics> Destinations)
{
    /// <summary>The RTSP sessions open now, each as its latest report. A property rather than a constructor parameter,
    /// so that a snapshot from a node without it (no such field on the wire) reads as none.</summary>
    public IReadOnlyList<RtspSessionReport> RtspSessions { get; init; } = [];
}
