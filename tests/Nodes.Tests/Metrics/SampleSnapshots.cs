using ActorStream.Messages.Metrics;
using ActorStream.Messages.Rtsp;

namespace ActorStream.Nodes.Tests.Metrics;

/// <summary>Hand-made snapshots with figures chosen to be recognisable in the output.</summary>
public static class SampleSnapshots
{
    public static readonly DateTime At = new(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc);

    public static ViewerMetrics Viewer(string id, string node = "akka.tcp://actorstream@127.0.0.1:4100", string station = "main") => new(
        ViewerId: id, Station: station, NodeAddress: node, Subscribed: true, LastReportUtc: At, Stale: false,
        Frames: 301, FramesPerSecond: 29.97, BitsPerSecond: 2_500_000, Packets: 10_000, LostPackets: 25, LossRatio: 25 / 10_025.0,
        JitterMs: 1.25, LatencyP50Ms: 45, LatencyP95Ms: 60, LatencyP99Ms: 70.5, LatencySamples: 300,
        FrameGaps: 2, DecodeErrors: 1, ClockOffsetMs: -0.75, ClockRoundTripMs: 0.2);

    public static StationMetrics Station(string name = "main") => new(
        name, FramesEncoded: 320, FramesPerSecond: 30, BitsPerSecond: 2_600_000, Destinations: 3, Drops: 4,
        EncoderRestarts: 1, CaptureRestarts: 0, Viewers: 2, LossRatio: 0.0025, LatencyP50Ms: 45, LatencyP95Ms: 60, LatencyP99Ms: 70.5);

    public static DestinationMetrics Destination(string name, string uri = "udp://127.0.0.1:5000") => new(
        "main", name, uri, "udp", Bytes: 5_000_000, Datagrams: 3800, BitsPerSecond: 2_600_000, QueueDepth: 2, Drops: 4,
        Connected: true, Clients: 0, Restarts: 0);

    /// <summary>Two viewers (one with label characters that need escaping and no latency yet), a station, two destinations,
    /// two RTSP sessions (one without a receiver report yet).</summary>
    public static MetricsSnapshot Typical() => new(At,
        [Station()],
        [
            Viewer("127.0.0.1-4100-aa"),
            Viewer("we\"ird\\id\nx", "akka.tcp://actorstream@127.0.0.1:4101") with
            {
                LatencyP50Ms = null, LatencyP95Ms = null, LatencyP99Ms = null, LatencySamples = 0, ClockOffsetMs = null, ClockRoundTripMs = null,
            },
        ],
        [Destination("udp-127.0.0.1-5000"), Destination("viewer-127.0.0.1-4100-aa", "udp://127.0.0.1:40000")])
    {
        RtspSessions = [RtspSession("a1b2c3d4e5f60718"), RtspSession("0f0e0d0c0b0a0908", "tcp") with { FractionLost = null, CumulativeLost = null, JitterMs = null, RoundTripMs = null }],
    };

    public static RtspSessionReport RtspSession(string id, string transport = "udp", string station = "main") => new(
        id, station, "192.168.1.20:51234", transport, "playing", At.AddMinutes(-1), PacketsSent: 12_345, BytesSent: 15_000_000,
        FractionLost: 0.0125, CumulativeLost: 17, JitterMs: 1.5, RoundTripMs: 0.8, LastReceiverReportUtc: At);

    public static MetricsSnapshot Empty() => new(At, [], [], []);
}
