namespace ActorStream.Runtime.Dispatch;

/// <summary>The task of an async receive finished: resume user messages, or fail the actor if it faulted.</summary>
internal sealed class AsyncReceiveCompleted(Task task, int generation) : ISystemMessage
{
    public Task Task { get; } = task;
    public int Generation { get; } = generation;
}
