namespace ActorStream.Runtime.Dispatch;

/// <summary>Supervisor's Restart directive: replace the instance (PreRestart, new instance, PostRestart).</summary>
internal sealed class Recreate(Exception cause) : ISystemMessage
{
    public Exception Cause { get; } = cause;
}
