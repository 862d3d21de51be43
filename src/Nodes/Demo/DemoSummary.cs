using System.Globalization;
using System.Text.RegularExpressions;
using ActorStream.Messages.Metrics;
using ActorStream.Nodes.Metrics;

namespace ActorStream.Nodes.Demo;

/// <summary>
/// The demo's closing lines, in a shape scripts and tests can read: a kind word, then `key value` pairs separated by
/// single spaces; a value never holds a space, and a figure not known is "-".
/// <code>
/// summary seconds 10.0 viewers 2
/// viewer id ID node 127.0.0.1:PORT station main frames 301 fps 30.0 loss_pct 0.00 jitter_ms 1.20 latency_p50_ms 45.1 latency_p95_ms 60.2 latency_p99_ms 70.3 frame_gaps 0 decode_errors 0 lost_packets 0
/// station name main frames 320 fps 30.0 mbit_s 1.02 destinations 2 drops 0 viewers 2 loss_pct 0.00 latency_p50_ms 45.1 latency_p95_ms 60.2 latency_p99_ms 70.3 encoder_restarts 0 capture_restarts 0
/// </code>
/// </summary>
public static partial class DemoSummary
{
    public static IReadOnlyList<string> Lines(MetricsSnapshot snapshot, TimeSpan shown, Func<ViewerMetrics, bool> includeViewer)
    {
        var viewers = snapshot.Viewers.Where(includeViewer)
            .OrderBy(v => v.NodeAddress, StringComparer.Ordinal).ThenBy(v => v.ViewerId, StringComparer.Ordinal).ToList();
        var lines = new List<string>
        {
            Line("summary", ("seconds", MetricsTables.Fixed(shown.TotalSeconds, 1)), ("viewers", Whole(viewers.Count))),
        };
        lines.AddRange(viewers.Select(v => Line("viewer",
            ("id", v.ViewerId), ("node", MetricsTables.ShortNode(v.NodeAddress)), ("station", v.Station), ("frames", Whole(v.Frames)),
            ("fps", MetricsTables.Fixed(v.FramesPerSecond, 1)), ("loss_pct", MetricsTables.Percent(v.LossRatio)),
            ("jitter_ms", MetricsTables.Fixed(v.JitterMs, 2)), ("latency_p50_ms", MetricsTables.Ms(v.LatencyP50Ms)),
            ("latency_p95_ms", MetricsTables.Ms(v.LatencyP95Ms)), ("latency_p99_ms", MetricsTables.Ms(v.LatencyP99Ms)),
            ("frame_gaps", Whole(v.FrameGaps)), ("decode_errors", Whole(v.DecodeErrors)), ("lost_packets", Whole(v.LostPackets)))));
        lines.AddRange(snapshot.Stations.OrderBy(s => s.Station, StringComparer.Ordinal).Select(s => Line("station",
            ("name", s.Station), ("frames", Whole(s.FramesEncoded)), ("fps", MetricsTables.Fixed(s.FramesPerSecond, 1)),
            ("mbit_s", MetricsTables.Mbits(s.BitsPerSecond)), ("destinations", Whole(s.Destinations)), ("drops", Whole(s.Drops)),
            ("viewers", Whole(s.Viewers)), ("loss_pct", MetricsTables.Percent(s.LossRatio)), ("latency_p50_ms", MetricsTables.Ms(s.LatencyP50Ms)),
            ("latency_p95_ms", MetricsTables.Ms(s.LatencyP95Ms)), ("latency_p99_ms", MetricsTables.Ms(s.LatencyP99Ms)),
            ("encoder_restarts", Whole(s.EncoderRestarts)), ("capture_restarts", Whole(s.CaptureRestarts)))));
        return lines;
    }

    private static string Line(string kind, params (string Key, string Value)[] pairs) =>
        kind + string.Concat(pairs.Select(p => $" {p.Key} {Token(p.Value)}"));

    /// <summary>A value as one token: whitespace becomes '_', and an empty value "-".</summary>
    private static string Token(string value) => value.Length == 0 ? "-" : Whitespace().Replace(value, "_");

    private static string Whole(long value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\s")]
    private static partial Regex Whitespace();
}
