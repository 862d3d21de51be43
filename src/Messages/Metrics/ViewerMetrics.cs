namespace ActorStream.Messages.Metrics;

/// <summary>One viewer's receiver as the seed's metrics actor sees it, from its <see cref="ReceiverReport"/>s.</summary>
/// <param name="LastReportUtc">When its last report arrived (the seed's clock).</param>
/// <param name="Stale">No report for more than three intervals: the viewer is gone or cut off.</param>
/// <param name="LossRatio">Packets lost / (received + lost) since the receiver started.</param>
/// <param name="LatencyP50Ms">Median capture-to-arrival latency in the latency window; null without samples.</param>
/// <param name="LatencySamples">Frames the percentiles were taken over.</param>
public sealed record ViewerMetrics(
    string ViewerId, string Station, string NodeAddress, bool Subscribed, DateTime LastReportUtc, bool Stale,
    long Frames, double FramesPerSecond, double BitsPerSecond, long Packets, long LostPackets, double LossRatio,
    double JitterMs, double? LatencyP50Ms, double? LatencyP95Ms, double? LatencyP99Ms, int LatencySamples,
    long FrameGaps, long DecodeErrors, double? ClockOffsetMs, double? ClockRoundTripMs);
