namespace ActorStream.Media.Receive;

/// <summary>What a <see cref="UdpStreamReceiver"/> has measured so far (totals since it started).</summary>
/// <param name="Datagrams">UDP datagrams received.</param>
/// <param name="Packets">TS packets received (188 bytes each, valid or not).</param>
/// <param name="Bytes">Payload bytes received.</param>
/// <param name="LostPackets">Packets missing, from gaps in the continuity counters.</param>
/// <param name="InvalidPackets">Packets with a bad sync byte, and trailing partial packets.</param>
/// <param name="Frames">Video frames started (PES starts on the video PID).</param>
/// <param name="LastArrivalUtc">When the last datagram arrived; null before the first.</param>
/// <param name="OutputErrors">Failed writes of the output.</param>
/// <param name="OutputDrops">Data the output dropped because its consumer was slow or absent.</param>
/// <param name="FrameGaps">Video frames missing by the timestamp sequence (a step of k frame durations: k - 1).</param>
/// <param name="DecodeErrors">Errors a decoder would meet: bad sync bytes and partial packets (as in
/// <paramref name="InvalidPackets"/>), packets with the transport error indicator, malformed PES headers.</param>
/// <param name="JitterMs">RFC 3550 interarrival jitter of the video frames (decode timestamp against arrival), milliseconds.</param>
/// <param name="UnmappedFrames">Frames whose latency, by the current stream clock, fell outside [-1 s, 60 s] and
/// was discarded (a stale mapping after an encoder restart, or a clock far off).</param>
public readonly record struct ReceiveCounters(
    long Datagrams, long Packets, long Bytes, long LostPackets, long InvalidPackets, long Frames,
    DateTime? LastArrivalUtc, long OutputErrors, long OutputDrops,
    long FrameGaps = 0, long DecodeErrors = 0, double JitterMs = 0, long UnmappedFrames = 0);
