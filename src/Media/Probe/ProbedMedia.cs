namespace ActorStream.Media.Probe;

/// <summary>What ffprobe found in a media file: its first video stream, its length, its first audio stream.</summary>
/// <param name="Codec">Video codec, as ffprobe names it (h264, hevc ...).</param>
/// <param name="Width">Picture width in pixels.</param>
/// <param name="Height">Picture height in pixels.</param>
/// <param name="AspectRatio">Display aspect ratio, e.g. "4:3".</param>
/// <param name="FrameRate">Frames per second (the stream's average rate).</param>
/// <param name="DurationSeconds">The file's length.</param>
/// <param name="BitrateKbps">The video stream's bitrate, or the whole file's when the stream has none.</param>
/// <param name="Audio">"aac 48000 Hz stereo", or null without audio.</param>
public sealed record ProbedMedia(
    string Codec, int Width, int Height, string AspectRatio, double FrameRate, double DurationSeconds, int BitrateKbps, string? Audio);
