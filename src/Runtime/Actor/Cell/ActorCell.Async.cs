using System.Runtime.ExceptionServices;
using ActorStream.Runtime.Dispatch;

namespace ActorStream.Runtime.Actor;

/// <summary>
/// Async receive: while the task of a message runs, user messages stay queued (one message at a time), and
/// every continuation is posted back to this actor as a system message, so code after an await runs on the
/// actor's turn with Self and Sender intact.
/// </summary>
internal sealed partial class ActorCell
{
    private bool _asyncPending;
    private int _asyncGeneration;

    internal SynchronizationContext SynchronizationContext => _synchronizationContext;

    public void RunTask(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (_asyncPending) throw new InvalidOperationException("RunTask: an async receive is already running");
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_synchronizationContext);
        Task task;
        try
        {
            task = action() ?? Task.CompletedTask;
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        if (task.IsCompleted)
        {
            ThrowIfFailed(task);
            return;
        }

        _asyncPending = true;
        var generation = ++_asyncGeneration;
        _mailbox.Suspend();
        // Captured context is the caller's (none on the pool): the completion only posts a system message.
        task.GetAwaiter().UnsafeOnCompleted(() => SendSystemMessage(new AsyncReceiveCompleted(task, generation)));
    }

    private static void ThrowIfFailed(Task task)
    {
        if (task.IsFaulted)
        {
            var e = task.Exception!.InnerExceptions.Count == 1 ? task.Exception.InnerException! : task.Exception;
            ExceptionDispatchInfo.Capture(e).Throw();
        }
        if (task.IsCanceled) throw new TaskCanceledException(task);
    }

    private void AsyncReceiveCompleted(AsyncReceiveCompleted completed)
    {
        if (!_asyncPending || completed.Generation != _asyncGeneration) return;
        var message = _currentEnvelope.Message;
        _asyncPending = false;
        _currentEnvelope = default;
        _mailbox.Resume();
        try
        {
            ThrowIfFailed(completed.Task);
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e, message);
        }
        if (_receiveTimeout is not null) _lastActivity = global::System.Diagnostics.Stopwatch.GetTimestamp();
    }

    /// <summary>On restart the new instance must not wait for the old instance's task.</summary>
    private void DropPendingAsync()
    {
        if (!_asyncPending) return;
        _asyncPending = false;
        _asyncGeneration++;
        _mailbox.Resume();
    }

    private void RunContinuation(RunContinuation continuation)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_synchronizationContext);
        try
        {
            continuation.Callback(continuation.State);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }
}
