using ActorStream.Messages.Metrics;
using ActorStream.Messages.Rtsp;
using Prometheus;
using PrometheusMetrics = Prometheus.Metrics;

namespace ActorStream.Nodes.Web;

/// <summary>
/// A <see cref="MetricsSnapshot"/> as Prometheus text, written by prometheus-net: every metric prefixed actorstream_,
/// in base units (seconds, bits per second, ratios 0..1). Values the seed does not know yet (latency before the
/// first clock report, clock offset before the first estimate) are left out rather than written as 0. The names,
/// help texts and labels are what dashboards query: change them only with the dashboards.
/// </summary>
public static class MetricsExposition
{
    /// <summary>The content type of the Prometheus text format, version 0.0.4.</summary>
    public const string ContentType = PrometheusConstants.TextContentTypeWithVersionAndEncoding;

    /// <summary>Writes the snapshot's families to <paramref name="destination"/> as UTF-8 text.</summary>
    public static Task WriteAsync(MetricsSnapshot snapshot, Stream destination, CancellationToken cancellationToken) =>
        ToRegistry(snapshot).CollectAndExportAsTextAsync(destination, cancellationToken);

    /// <summary>
    /// A registry of its own for each snapshot: the snapshot already holds the actors' figures, so nothing is kept
    /// between scrapes, and a viewer or destination that has gone leaves no stale series behind.
    /// </summary>
    private static CollectorRegistry ToRegistry(MetricsSnapshot snapshot)
    {
        var registry = PrometheusMetrics.NewCustomRegistry();
        var metrics = PrometheusMetrics.WithCustomRegistry(registry);
        // Sorted so that a scrape lists its series in the same order each time.
        AddStations(new MetricFamilies<StationMetrics>(metrics, "actorstream_station_",
            snapshot.Stations.OrderBy(s => s.Station, StringComparer.Ordinal).ToList(), ["station"], s => [s.Station]));
        AddViewers(new MetricFamilies<ViewerMetrics>(metrics, "actorstream_viewer_",
            snapshot.Viewers.OrderBy(v => v.Station, StringComparer.Ordinal).ThenBy(v => v.ViewerId, StringComparer.Ordinal).ToList(),
            ["station", "viewer", "node"], v => [v.Station, v.ViewerId, v.NodeAddress]));
        AddDestinations(new MetricFamilies<DestinationMetrics>(metrics, "actorstream_destination_",
            snapshot.Destinations.OrderBy(d => d.Station, StringComparer.Ordinal).ThenBy(d => d.Name, StringComparer.Ordinal).ToList(),
            ["station", "destination", "uri", "kind"], d => [d.Station, d.Name, d.Uri, d.Kind]));
        // Like MediaMTX's rtsp_sessions_*: how many sessions each station has, and each session's figures.
        new MetricFamilies<IGrouping<string, RtspSessionReport>>(metrics, "actorstream_",
            snapshot.RtspSessions.GroupBy(r => r.Station, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList(),
            ["station"], g => [g.Key])
            .Gauge("rtsp_sessions", "RTSP sessions of the station open now.", g => g.Count());
        AddRtspSessions(new MetricFamilies<RtspSessionReport>(metrics, "actorstream_rtsp_session_",
            snapshot.RtspSessions.OrderBy(r => r.Station, StringComparer.Ordinal).ThenBy(r => r.SessionId, StringComparer.Ordinal).ToList(),
            ["station", "session", "transport", "client"], r => [r.Station, r.SessionId, r.Transport, r.Client]));
        return registry;
    }

    private static void AddStations(MetricFamilies<StationMetrics> f)
    {
        f.Counter("frames_total", "Video frames the station's encoder has produced.", s => s.FramesEncoded);
        f.Gauge("fps", "Encoder output frame rate over the last second.", s => s.FramesPerSecond);
        f.Gauge("bitrate_bits_per_second", "Encoded stream rate over the last second.", s => s.BitsPerSecond);
        f.Gauge("destinations", "Destinations the station sends to now, viewers included.", s => s.Destinations);
        f.Counter("drops_total", "Data dropped by all the station's destinations (slow receivers).", s => s.Drops);
        f.Counter("encoder_restarts_total", "Encoder ffmpeg restarts after it died.", s => s.EncoderRestarts);
        f.Counter("capture_restarts_total", "Capture ffmpeg restarts after it died.", s => s.CaptureRestarts);
        f.Gauge("viewers", "Viewers reporting on this station now.", s => s.Viewers);
        f.Gauge("loss_ratio", "Packets lost / (received + lost) over all the station's viewers.", s => s.LossRatio);
        f.LatencyQuantiles("latency_seconds", "Capture-to-arrival latency over all the station's viewers in the latency window, by quantile.",
            s => (s.LatencyP50Ms, s.LatencyP95Ms, s.LatencyP99Ms));
    }

    private static void AddViewers(MetricFamilies<ViewerMetrics> f)
    {
        f.Counter("frames_total", "Video frames the viewer's receiver has received.", v => v.Frames);
        f.Gauge("fps", "Received frame rate over the last report interval.", v => v.FramesPerSecond);
        f.Gauge("bitrate_bits_per_second", "Received bit rate over the last report interval.", v => v.BitsPerSecond);
        f.Counter("packets_total", "MPEG-TS packets received.", v => v.Packets);
        f.Counter("lost_packets_total", "MPEG-TS packets missing by the continuity counters.", v => v.LostPackets);
        f.Gauge("loss_ratio", "Packets lost / (received + lost) since the receiver started.", v => v.LossRatio);
        f.Gauge("jitter_seconds", "RFC 3550 interarrival jitter of video frames.", v => v.JitterMs / 1000);
        f.LatencyQuantiles("latency_seconds", "Capture-to-arrival latency of the frames in the latency window, by quantile.",
            v => (v.LatencyP50Ms, v.LatencyP95Ms, v.LatencyP99Ms));
        f.Gauge("latency_samples", "Frames the latency quantiles were taken over.", v => v.LatencySamples);
        f.Counter("frame_gaps_total", "Frames missing by the PTS sequence.", v => v.FrameGaps);
        f.Counter("decode_errors_total", "Stream errors a decoder would meet (bad sync, transport errors, bad PES).", v => v.DecodeErrors);
        f.Gauge("clock_offset_seconds", "The seed's clock minus the viewer node's, as estimated over the cluster heartbeat.", v => v.ClockOffsetMs / 1000);
        f.Gauge("clock_round_trip_seconds", "Round trip of the heartbeat sample the clock offset came from.", v => v.ClockRoundTripMs / 1000);
        f.Gauge("subscribed", "1 when the station has confirmed the viewer's subscription.", v => v.Subscribed ? 1 : 0);
        f.Gauge("stale", "1 when the viewer has not reported for longer than the stale-after setting.", v => v.Stale ? 1 : 0);
    }

    private static void AddRtspSessions(MetricFamilies<RtspSessionReport> f)
    {
        f.Counter("bytes_sent_total", "RTP bytes sent to the session's client.", r => r.BytesSent);
        f.Counter("packets_sent_total", "RTP packets sent to the session's client.", r => r.PacketsSent);
        f.Gauge("fraction_lost", "Fraction of packets lost in the client's last RTCP receiver report (0..1).", r => r.FractionLost);
        f.Counter("packets_lost_total", "Packets the client counts as lost (its RTCP cumulative number lost).", r => r.CumulativeLost);
        f.Gauge("jitter_seconds", "RTP interarrival jitter the client reports (RFC 3550 6.4.1).", r => r.JitterMs / 1000);
        f.Gauge("rtt_seconds", "Round trip to the client from its receiver report's LSR and DLSR.", r => r.RoundTripMs / 1000);
        f.Gauge("playing", "1 while the session plays, 0 when it is set up or paused.", r => r.State == "playing" ? 1 : 0);
    }

    private static void AddDestinations(MetricFamilies<DestinationMetrics> f)
    {
        f.Counter("bytes_total", "Bytes the destination has sent.", d => d.Bytes);
        f.Counter("datagrams_total", "UDP datagrams the destination has sent (0 for TCP).", d => d.Datagrams);
        f.Gauge("bitrate_bits_per_second", "Send rate between the destination's last two reports.", d => d.BitsPerSecond);
        f.Gauge("queue_depth", "Chunks waiting in the destination's bounded queue.", d => d.QueueDepth);
        f.Counter("drops_total", "Chunks dropped because the destination's queue was full.", d => d.Drops);
        f.Gauge("connected", "1 when the destination's socket is connected (always 1 for UDP).", d => d.Connected ? 1 : 0);
        f.Gauge("clients", "Connected clients of a tcp-listen destination.", d => d.Clients);
        f.Counter("restarts_total", "Restarts of the destination after it failed.", d => d.Restarts);
    }
}
