namespace ActorStream.Messages.Pipeline;

/// <summary>
/// One uncompressed frame (yuv420p) from capture to encoder. The buffer is the frame's alone: capture never
/// reuses it after sending, so the encoder may hold it while it writes.
/// </summary>
/// <param name="Index">Frame number within the current capture run.</param>
/// <param name="CapturedAt">Wall-clock time (UTC) when the frame was read from the capture process.</param>
public sealed record RawVideoFrame(ReadOnlyMemory<byte> Data, long Index, DateTime CapturedAt);
