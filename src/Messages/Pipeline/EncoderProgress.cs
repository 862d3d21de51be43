namespace ActorStream.Messages.Pipeline;

/// <summary>The encoder's running totals, sent to its station once a second: video frames counted in its
/// MPEG-TS output and bytes of that output, since this encoder process started.</summary>
public sealed record EncoderProgress(int Pid, long Frames, long Bytes);
