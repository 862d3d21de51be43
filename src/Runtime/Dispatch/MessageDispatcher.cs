namespace ActorStream.Runtime.Dispatch;

/// <summary>
/// Runs mailboxes on the .NET thread pool (no thread per actor). A mailbox with work is queued once; each
/// turn processes at most <see cref="Throughput"/> user messages so one busy actor cannot hog a thread.
/// </summary>
public sealed class MessageDispatcher
{
    public MessageDispatcher(string id, int throughput)
    {
        if (throughput < 1) throw new ArgumentOutOfRangeException(nameof(throughput), throughput, "throughput must be >= 1");
        Id = id;
        Throughput = throughput;
    }

    public string Id { get; }

    /// <summary>Maximum user messages one mailbox processes per turn before yielding its thread.</summary>
    public int Throughput { get; }

    internal void RegisterForExecution(Mailbox mailbox, bool hasMessageHint, bool hasSystemMessageHint)
    {
        if (mailbox.CanBeScheduledForExecution(hasMessageHint, hasSystemMessageHint) && mailbox.SetAsScheduled())
        {
            // The mailbox is its own work item: scheduling allocates nothing.
            ThreadPool.UnsafeQueueUserWorkItem(mailbox, preferLocal: false);
        }
    }
}
