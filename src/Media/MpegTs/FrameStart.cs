namespace ActorStream.Media.MpegTs;

/// <summary>
/// A video frame (PES packet) that starts in a chunk scanned by <see cref="VideoFrameScanner"/>.
/// </summary>
/// <param name="PacketIndex">Index of the 188-byte packet within the chunk where the PES starts.</param>
/// <param name="Timestamps">Its PTS/DTS; empty when absent or malformed.</param>
/// <param name="Malformed">The PES header could not be parsed (a decoder would meet an error here).</param>
/// <param name="RandomAccess">The adaptation field flags a random access point (a keyframe).</param>
public readonly record struct FrameStart(int PacketIndex, PesTimestamps Timestamps, bool Malformed, bool RandomAccess);
