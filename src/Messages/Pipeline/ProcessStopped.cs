namespace ActorStream.Messages.Pipeline;

/// <summary>A pipeline actor's ffmpeg process is gone (it died, or the actor stopped).</summary>
public sealed record ProcessStopped(string Role, int Pid);
