namespace ActorStream.Media.MpegTs;

/// <summary>One piece of an encoder's MPEG-TS output: whole datagrams' worth of packets, and the video frames that
/// start in it.</summary>
/// <param name="Chunk">A multiple of 7 × 188 bytes (one UDP datagram each), never changed after this.</param>
/// <param name="Frames">The video frames (PES starts) in it, with their timestamps.</param>
public sealed record EncodedOutput(byte[] Chunk, IReadOnlyList<FrameStart> Frames);
