namespace ActorStream.Messages.Pipeline;

/// <summary>A pipeline actor started its ffmpeg process (again, after a restart). The station counts
/// restarts from these. <paramref name="Role"/> is "capture" or "encoder"; <paramref name="Pid"/> is
/// <see cref="InProcess"/> for a role that runs inside the node (OpenCV capture) and has no process of its own.</summary>
public sealed record ProcessStarted(string Role, int Pid)
{
    /// <summary>No process: the role runs in the node itself. Never shown as a pid (which a kill would then aim at
    /// the node, or with 0 at its process group).</summary>
    public const int InProcess = 0;
}
