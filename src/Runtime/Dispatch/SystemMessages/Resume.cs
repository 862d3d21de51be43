namespace ActorStream.Runtime.Dispatch;

/// <summary>Undo one Suspend; with a cause it is the supervisor's Resume directive for a failed actor.</summary>
internal sealed class Resume(Exception? causedByFailure) : ISystemMessage
{
    public Exception? CausedByFailure { get; } = causedByFailure;
}
