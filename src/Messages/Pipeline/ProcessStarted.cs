namespace ActorStream.Messages.Pipeline;

/// <summary>A pipeline actor started its ffmpeg process (again, after a restart). The station counts
/// restarts from these. <paramref name="Role"/> is "capture" or "encoder".</summary>
public sealed record ProcessStarted(string Role, int Pid);
