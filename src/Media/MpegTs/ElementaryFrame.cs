namespace ActorStream.Media.MpegTs;

/// <summary>
/// One whole PES payload of a station's stream, as <see cref="TsDemuxer"/> assembles it: a video access unit (Annex B
/// NAL units) or a run of ADTS AAC frames. Owns its bytes (copied out of the TS packets).
/// </summary>
/// <param name="Kind">Video or audio.</param>
/// <param name="StreamType">The PMT's stream type: 0x1B H.264, 0x24 H.265, 0x0F ADTS AAC.</param>
/// <param name="Pts">Presentation time, 90 kHz, 33 bits as in the stream.</param>
/// <param name="Dts">Decoding time when the PES carries one apart from the PTS.</param>
/// <param name="RandomAccess">The adaptation field flagged a random access point (a keyframe) where this PES starts.</param>
/// <param name="Discontinuity">The stream broke before this frame (continuity lost, new tables, or a declared
/// discontinuity: an encoder restart, typically): its timestamps need not follow the ones before.</param>
/// <param name="Data">The PES payload.</param>
public sealed record ElementaryFrame(
    ElementaryStreamKind Kind, int StreamType, long Pts, long? Dts, bool RandomAccess, bool Discontinuity, byte[] Data)
{
    /// <summary>Decoding time: DTS when present, else PTS.</summary>
    public long DecodeTime => Dts ?? Pts;
}

/// <summary>What an elementary stream carries.</summary>
public enum ElementaryStreamKind
{
    Video,
    Audio,
}
