namespace ActorStream.Messages.Metrics;

/// <summary>One station's figures: its encoder's, and its viewers' taken together.</summary>
/// <param name="FramesEncoded">Video frames seen in the encoder's output since start.</param>
/// <param name="FramesPerSecond">Encoder output frame rate over the last second.</param>
/// <param name="BitsPerSecond">Encoded stream rate over the last second.</param>
/// <param name="Destinations">Destinations now (viewers included).</param>
/// <param name="Drops">Data dropped by all its destinations since start.</param>
/// <param name="EncoderRestarts">Encoder ffmpeg restarts after dying.</param>
/// <param name="CaptureRestarts">Capture ffmpeg restarts after dying.</param>
/// <param name="Viewers">Viewers reporting on this station now.</param>
/// <param name="LossRatio">Packets lost / (received + lost), over all its viewers since they started.</param>
/// <param name="LatencyP50Ms">Median capture-to-arrival latency over all its viewers in the latency window; null without samples.</param>
/// <param name="LatencyP95Ms">95th percentile, same window.</param>
/// <param name="LatencyP99Ms">99th percentile, same window.</param>
public sealed record StationMetrics(
    string Station, long FramesEncoded, double FramesPerSecond, double BitsPerSecond, int Destinations, long Drops,
    int EncoderRestarts, int CaptureRestarts, int Viewers, double LossRatio,
    double? LatencyP50Ms, double? LatencyP95Ms, double? LatencyP99Ms);
