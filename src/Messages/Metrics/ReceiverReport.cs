namespace ActorStream.Messages.Metrics;

/// <summary>
/// From a viewer's receiver to the seed's /user/metrics, once a second: everything it measured. Totals are since
/// the receiver started; rates and samples are over the interval since its previous report.
/// </summary>
/// <param name="ViewerId">The id the receiver subscribes with.</param>
/// <param name="Station">The station it receives.</param>
/// <param name="NodeAddress">The viewer node's address.</param>
/// <param name="SentUtc">When the report was made (the viewer's clock).</param>
/// <param name="Subscribed">The station confirmed the subscription.</param>
/// <param name="Datagrams">UDP datagrams received.</param>
/// <param name="Packets">TS packets received.</param>
/// <param name="Bytes">Bytes received.</param>
/// <param name="LostPackets">TS packets missing by the continuity counters.</param>
/// <param name="Frames">Video frames received (PES starts on the video PID).</param>
/// <param name="FrameGaps">Frames missing by the PTS sequence (a jump of more than one frame duration).</param>
/// <param name="DecodeErrors">Stream errors a decoder would meet: bad sync bytes, transport error flags, malformed PES headers.</param>
/// <param name="BitsPerSecond">Received bit rate over the interval.</param>
/// <param name="FramesPerSecond">Received frame rate over the interval.</param>
/// <param name="JitterMs">RFC 3550 interarrival jitter of video frames (PTS against arrival), milliseconds.</param>
/// <param name="LatencyMs">Capture-to-arrival latency of each frame received in the interval, milliseconds (empty
/// while no <see cref="StreamClockReport"/> has arrived).</param>
/// <param name="ClockOffsetMs">The seed's clock minus this node's, as estimated over the cluster heartbeat; null before the first estimate.</param>
/// <param name="ClockRoundTripMs">The round trip of the heartbeat sample the offset came from.</param>
public sealed record ReceiverReport(
    string ViewerId, string Station, string NodeAddress, DateTime SentUtc, bool Subscribed,
    long Datagrams, long Packets, long Bytes, long LostPackets, long Frames, long FrameGaps, long DecodeErrors,
    double BitsPerSecond, double FramesPerSecond, double JitterMs, IReadOnlyList<double> LatencyMs,
    double? ClockOffsetMs, double? ClockRoundTripMs);
