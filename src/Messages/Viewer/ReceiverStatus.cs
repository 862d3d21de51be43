namespace ActorStream.Messages.Viewer;

/// <summary>What a viewer's receiver has measured (rates over its last one-second interval).</summary>
/// <param name="ViewerId">The id it subscribes with.</param>
/// <param name="Station">The station it receives.</param>
/// <param name="Subscribed">The station confirmed the subscription, and has not rejected it since.</param>
/// <param name="Port">The local UDP port it receives on.</param>
/// <param name="Packets">TS packets received.</param>
/// <param name="Bytes">Bytes received.</param>
/// <param name="LostPackets">Packets missing by the continuity counters.</param>
/// <param name="Frames">Video frames received.</param>
/// <param name="BitsPerSecond">Received bit rate.</param>
/// <param name="FramesPerSecond">Received frame rate.</param>
/// <param name="LastArrivalUtc">When the last datagram arrived; null before the first.</param>
/// <param name="Output">The output, e.g. "null", "file:/tmp/a.ts".</param>
/// <param name="OutputErrors">Failed writes to the output.</param>
/// <param name="OutputDrops">Data the output dropped because its consumer was slow or absent.</param>
/// <param name="JitterMs">RFC 3550 interarrival jitter of video frames, milliseconds.</param>
/// <param name="LatencyMs">Median capture-to-arrival latency over the last interval; null without samples.</param>
/// <param name="FrameGaps">Frames missing by the PTS sequence.</param>
/// <param name="DecodeErrors">Stream errors a decoder would meet.</param>
public sealed record ReceiverStatus(
    string ViewerId, string Station, bool Subscribed, int Port, long Packets, long Bytes, long LostPackets, long Frames,
    double BitsPerSecond, double FramesPerSecond, DateTime? LastArrivalUtc, string Output, long OutputErrors, long OutputDrops,
    double JitterMs = 0, double? LatencyMs = null, long FrameGaps = 0, long DecodeErrors = 0);
