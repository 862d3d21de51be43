namespace ActorStream.Media.Rtp;

/// <summary>The RTP packets of one frame of one track of a station (a video access unit, or the AAC frames of one PES).</summary>
/// <param name="Track">0 video, 1 audio.</param>
/// <param name="Keyframe">A video frame a decoder can start at (IDR / IRAP); false for audio.</param>
/// <param name="Packets">Whole RTP packets in order; shared by every receiver, never changed.</param>
/// <param name="MediaTime">The frame's media time (90 kHz) on the station's continuous timeline.</param>
/// <param name="RtpTime">The RTP timestamp of its first packet.</param>
/// <param name="FirstSequence">The sequence number of its first packet.</param>
public sealed record RtpFrame(int Track, bool Keyframe, IReadOnlyList<byte[]> Packets, long MediaTime, uint RtpTime, ushort FirstSequence);
