using ActorStream.Media.Measurement;
using ActorStream.Media.MpegTs;
using ActorStream.Messages.Metrics;

namespace ActorStream.Actors.Metrics;

/// <summary>What the metrics actor keeps of one viewer: its latest (checked) report, when it arrived, and the
/// latency samples of the window. Changed only in the actor's handlers.</summary>
internal sealed class ViewerTrack(string station, string viewerId, TimeSpan latencyWindow)
{
    /// <summary>Per viewer: a 30 s window at 60 fps holds 1800. Bounded so that a member flooding reports cannot
    /// grow the seed's memory past viewers × this × 16 bytes.</summary>
    public const int LatencyCapacity = 3_000;

    public string Station { get; } = station;

    public string ViewerId { get; } = viewerId;

    public LatencyWindow Latency { get; } = new(latencyWindow, LatencyCapacity);

    public ReceiverReport? Last { get; private set; }

    public DateTime LastArrivalUtc { get; private set; }

    /// <summary>Takes a report that arrived at <paramref name="now"/>; its samples are stamped with that time.</summary>
    public void Update(ReceiverReport report, DateTime now)
    {
        Last = report;
        LastArrivalUtc = now;
        foreach (var sample in report.LatencyMs)
        {
            Latency.Add(now, sample);
        }
    }

    public bool IsStale(DateTime now, TimeSpan staleAfter) => now - LastArrivalUtc > staleAfter;

    public ViewerMetrics ToMetrics(DateTime now, TimeSpan staleAfter)
    {
        var r = Last!;
        var latency = Latency.Summarize(now);
        return new ViewerMetrics(
            ViewerId, Station, r.NodeAddress, r.Subscribed, LastArrivalUtc, IsStale(now, staleAfter),
            r.Frames, r.FramesPerSecond, r.BitsPerSecond, r.Packets, r.LostPackets, ContinuityCounterChecker.LossRatioOf(r.LostPackets, r.Packets),
            r.JitterMs, latency.P50, latency.P95, latency.P99, latency.Count,
            r.FrameGaps, r.DecodeErrors, r.ClockOffsetMs, r.ClockRoundTripMs);
    }
}
