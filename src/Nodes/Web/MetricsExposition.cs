using ActorStream.Messages.Metrics;

namespace ActorStream.Nodes.Web;

/// <summary>
/// A <see cref="MetricsSnapshot"/> as Prometheus text: every metric prefixed actorstream_, in base units (seconds,
/// bits per second, ratios 0..1). Latency percentiles are gauges with a quantile label, not a summary: they are
/// taken over a sliding window, so a summary's cumulative _count and _sum would not mean what Prometheus expects.
/// Values the seed does not know yet (latency before the first clock report, clock offset before the first
/// estimate) are left out rather than written as 0.
/// </summary>
public static class MetricsExposition
{
    public static string Render(MetricsSnapshot snapshot)
    {
        var writer = new PrometheusTextWriter();
        WriteStations(writer, snapshot.Stations.OrderBy(s => s.Station, StringComparer.Ordinal).ToList());
        WriteViewers(writer, snapshot.Viewers.OrderBy(v => v.Station, StringComparer.Ordinal).ThenBy(v => v.ViewerId, StringComparer.Ordinal).ToList());
        WriteDestinations(writer, snapshot.Destinations.OrderBy(d => d.Station, StringComparer.Ordinal).ThenBy(d => d.Name, StringComparer.Ordinal).ToList());
        return writer.ToString();
    }

    private static void WriteStations(PrometheusTextWriter w, IReadOnlyList<StationMetrics> stations)
    {
        void Family(string name, PrometheusMetricType type, string help, Func<StationMetrics, double> value) =>
            w.WriteFamily("actorstream_station_" + name, type, help, stations.Select(s => PrometheusSample.Of(value(s), ("station", s.Station))));

        Family("frames_total", PrometheusMetricType.Counter, "Video frames the station's encoder has produced.", s => s.FramesEncoded);
        Family("fps", PrometheusMetricType.Gauge, "Encoder output frame rate over the last second.", s => s.FramesPerSecond);
        Family("bitrate_bits_per_second", PrometheusMetricType.Gauge, "Encoded stream rate over the last second.", s => s.BitsPerSecond);
        Family("destinations", PrometheusMetricType.Gauge, "Destinations the station sends to now, viewers included.", s => s.Destinations);
        Family("drops_total", PrometheusMetricType.Counter, "Data dropped by all the station's destinations (slow receivers).", s => s.Drops);
        Family("encoder_restarts_total", PrometheusMetricType.Counter, "Encoder ffmpeg restarts after it died.", s => s.EncoderRestarts);
        Family("capture_restarts_total", PrometheusMetricType.Counter, "Capture ffmpeg restarts after it died.", s => s.CaptureRestarts);
        Family("viewers", PrometheusMetricType.Gauge, "Viewers reporting on this station now.", s => s.Viewers);
        Family("loss_ratio", PrometheusMetricType.Gauge, "Packets lost / (received + lost) over all the station's viewers.", s => s.LossRatio);
        w.WriteFamily("actorstream_station_latency_seconds", PrometheusMetricType.Gauge,
            "Capture-to-arrival latency over all the station's viewers in the latency window, by quantile.",
            stations.SelectMany(s => Quantiles(s.LatencyP50Ms, s.LatencyP95Ms, s.LatencyP99Ms, ("station", s.Station))));
    }

    private static void WriteViewers(PrometheusTextWriter w, IReadOnlyList<ViewerMetrics> viewers)
    {
        static (string, string)[] Labels(ViewerMetrics v) => [("station", v.Station), ("viewer", v.ViewerId), ("node", v.NodeAddress)];
        void Family(string name, PrometheusMetricType type, string help, Func<ViewerMetrics, double?> value) =>
            w.WriteFamily("actorstream_viewer_" + name, type, help,
                viewers.Where(v => value(v) is not null).Select(v => PrometheusSample.Of(value(v)!.Value, Labels(v))));

        Family("frames_total", PrometheusMetricType.Counter, "Video frames the viewer's receiver has received.", v => v.Frames);
        Family("fps", PrometheusMetricType.Gauge, "Received frame rate over the last report interval.", v => v.FramesPerSecond);
        Family("bitrate_bits_per_second", PrometheusMetricType.Gauge, "Received bit rate over the last report interval.", v => v.BitsPerSecond);
        Family("packets_total", PrometheusMetricType.Counter, "MPEG-TS packets received.", v => v.Packets);
        Family("lost_packets_total", PrometheusMetricType.Counter, "MPEG-TS packets missing by the continuity counters.", v => v.LostPackets);
        Family("loss_ratio", PrometheusMetricType.Gauge, "Packets lost / (received + lost) since the receiver started.", v => v.LossRatio);
        Family("jitter_seconds", PrometheusMetricType.Gauge, "RFC 3550 interarrival jitter of video frames.", v => v.JitterMs / 1000);
        w.WriteFamily("actorstream_viewer_latency_seconds", PrometheusMetricType.Gauge,
            "Capture-to-arrival latency of the frames in the latency window, by quantile.",
            viewers.SelectMany(v => Quantiles(v.LatencyP50Ms, v.LatencyP95Ms, v.LatencyP99Ms, Labels(v))));
        Family("latency_samples", PrometheusMetricType.Gauge, "Frames the latency quantiles were taken over.", v => v.LatencySamples);
        Family("frame_gaps_total", PrometheusMetricType.Counter, "Frames missing by the PTS sequence.", v => v.FrameGaps);
        Family("decode_errors_total", PrometheusMetricType.Counter, "Stream errors a decoder would meet (bad sync, transport errors, bad PES).", v => v.DecodeErrors);
        Family("clock_offset_seconds", PrometheusMetricType.Gauge, "The seed's clock minus the viewer node's, as estimated over the cluster heartbeat.",
            v => v.ClockOffsetMs / 1000);
        Family("clock_round_trip_seconds", PrometheusMetricType.Gauge, "Round trip of the heartbeat sample the clock offset came from.",
            v => v.ClockRoundTripMs / 1000);
        Family("subscribed", PrometheusMetricType.Gauge, "1 when the station has confirmed the viewer's subscription.", v => v.Subscribed ? 1 : 0);
        Family("stale", PrometheusMetricType.Gauge, "1 when the viewer has not reported for longer than the stale-after setting.", v => v.Stale ? 1 : 0);
    }

    private static void WriteDestinations(PrometheusTextWriter w, IReadOnlyList<DestinationMetrics> destinations)
    {
        static (string, string)[] Labels(DestinationMetrics d) => [("station", d.Station), ("destination", d.Name), ("uri", d.Uri), ("kind", d.Kind)];
        void Family(string name, PrometheusMetricType type, string help, Func<DestinationMetrics, double> value) =>
            w.WriteFamily("actorstream_destination_" + name, type, help, destinations.Select(d => PrometheusSample.Of(value(d), Labels(d))));

        Family("bytes_total", PrometheusMetricType.Counter, "Bytes the destination has sent.", d => d.Bytes);
        Family("datagrams_total", PrometheusMetricType.Counter, "UDP datagrams the destination has sent (0 for TCP).", d => d.Datagrams);
        Family("bitrate_bits_per_second", PrometheusMetricType.Gauge, "Send rate between the destination's last two reports.", d => d.BitsPerSecond);
        Family("queue_depth", PrometheusMetricType.Gauge, "Chunks waiting in the destination's bounded queue.", d => d.QueueDepth);
        Family("drops_total", PrometheusMetricType.Counter, "Chunks dropped because the destination's queue was full.", d => d.Drops);
        Family("connected", PrometheusMetricType.Gauge, "1 when the destination's socket is connected (always 1 for UDP).", d => d.Connected ? 1 : 0);
        Family("clients", PrometheusMetricType.Gauge, "Connected clients of a tcp-listen destination.", d => d.Clients);
        Family("restarts_total", PrometheusMetricType.Counter, "Restarts of the destination after it failed.", d => d.Restarts);
    }

    private static IEnumerable<PrometheusSample> Quantiles(double? p50Ms, double? p95Ms, double? p99Ms, params (string, string)[] labels)
    {
        foreach (var (quantile, ms) in new[] { ("0.5", p50Ms), ("0.95", p95Ms), ("0.99", p99Ms) })
        {
            if (ms is { } value)
            {
                yield return PrometheusSample.Of(value / 1000, [.. labels, ("quantile", quantile)]);
            }
        }
    }
}
