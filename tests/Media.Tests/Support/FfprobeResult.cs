namespace ActorStream.Media.Tests.Support;

/// <summary>What ffprobe reported about the first video stream.</summary>
internal sealed record FfprobeResult(int Width, int Height, int FramesRead, string CodecName, IReadOnlyList<string> StreamTypes);
