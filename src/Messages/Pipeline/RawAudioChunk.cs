namespace ActorStream.Messages.Pipeline;

/// <summary>Uncompressed audio (s16le, 48 kHz, stereo) from capture to encoder.</summary>
public sealed record RawAudioChunk(ReadOnlyMemory<byte> Data, DateTime CapturedAt);
