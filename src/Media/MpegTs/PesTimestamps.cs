namespace ActorStream.Media.MpegTs;

/// <summary>
/// The presentation and decoding timestamps of one PES packet (ISO/IEC 13818-1, 2.4.3.7): 33-bit values in
/// 90 kHz units. Either may be absent: DTS is only written when it differs from PTS (frames reordered by
/// B-frames), and some streams carry no timestamps at all.
/// </summary>
public readonly record struct PesTimestamps(long? Pts, long? Dts)
{
    /// <summary>The decoding order timestamp: DTS when present, else PTS (which then equals the DTS).</summary>
    public long? DecodeTime => Dts ?? Pts;
}
