namespace ActorStream.Runtime.Dispatch;

/// <summary>
/// A continuation of an async receive, posted by the actor's synchronization context so the code after an
/// await runs inside the actor (one thread at a time, Self/Sender valid).
/// </summary>
internal sealed class RunContinuation(SendOrPostCallback callback, object? state) : ISystemMessage
{
    public SendOrPostCallback Callback { get; } = callback;
    public object? State { get; } = state;
}
