namespace ActorStream.Actors.Pipeline;

/// <summary>An ffmpeg process of the pipeline ended while it was meant to run; the message carries its last
/// words. Thrown inside the owning actor so that its supervisor restarts it (with backoff).</summary>
public sealed class FfmpegExitedException(string message) : Exception(message);
