using System.Collections.Concurrent;
using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Dispatch;

/// <summary>
/// The queues of one actor and the state machine that runs it. System messages have their own queue and are
/// drained before every user message, even while suspended. One lock-free status word (closed, scheduled,
/// suspend count) guarantees at most one thread runs the actor at a time; no lock is held while user code runs.
/// </summary>
internal sealed class Mailbox : IThreadPoolWorkItem
{
    private const int ClosedFlag = 1;
    private const int ScheduledFlag = 2;
    private const int SuspendUnit = 4;

    private readonly ConcurrentQueue<Envelope> _userQueue = new();
    private readonly ConcurrentQueue<ISystemMessage> _systemQueue = new();

    // Unstashed messages go here, ahead of the queue. Only the thread running the actor touches it.
    private readonly Queue<Envelope> _prepended = new();
    private volatile int _prependedCount;

    private readonly MessageDispatcher _dispatcher;
    private ActorCell _cell = null!;
    private int _status;

    public Mailbox(MessageDispatcher dispatcher) => _dispatcher = dispatcher;

    public void SetActor(ActorCell cell) => _cell = cell;

    public bool IsClosed => (Volatile.Read(ref _status) & ClosedFlag) != 0;
    public bool IsSuspended => Volatile.Read(ref _status) >= SuspendUnit;
    public int SuspendCount => Volatile.Read(ref _status) / SuspendUnit;
    public bool HasUserMessages => _prependedCount > 0 || !_userQueue.IsEmpty;
    public int UserMessageCount => _prependedCount + _userQueue.Count;

    public void Enqueue(in Envelope envelope)
    {
        _userQueue.Enqueue(envelope);
        _dispatcher.RegisterForExecution(this, hasMessageHint: true, hasSystemMessageHint: false);
    }

    public void SystemEnqueue(ISystemMessage message)
    {
        _systemQueue.Enqueue(message);
        _dispatcher.RegisterForExecution(this, hasMessageHint: false, hasSystemMessageHint: true);
    }

    /// <summary>Puts messages back at the front, in the given order (stash). Called only by the running actor.</summary>
    public void Prepend(IReadOnlyList<Envelope> envelopes)
    {
        if (envelopes.Count == 0) return;
        var rest = _prepended.ToArray();
        _prepended.Clear();
        foreach (var e in envelopes) _prepended.Enqueue(e);
        foreach (var e in rest) _prepended.Enqueue(e);
        _prependedCount = _prepended.Count;
    }

    public bool TryDequeue(out Envelope envelope)
    {
        if (_prependedCount > 0)
        {
            envelope = _prepended.Dequeue();
            _prependedCount = _prepended.Count;
            return true;
        }
        return _userQueue.TryDequeue(out envelope);
    }

    public bool TryDequeueSystem(out ISystemMessage message) => _systemQueue.TryDequeue(out message!);

    public void Suspend() => Interlocked.Add(ref _status, SuspendUnit);

    /// <summary>Undoes one suspension; clamps at zero (a restart of a never-suspended sibling resumes too).</summary>
    public void Resume()
    {
        while (true)
        {
            var s = Volatile.Read(ref _status);
            if (s < SuspendUnit) return;
            if (Interlocked.CompareExchange(ref _status, s - SuspendUnit, s) == s) return;
        }
    }

    public void BecomeClosed()
    {
        while (true)
        {
            var s = Volatile.Read(ref _status);
            if (Interlocked.CompareExchange(ref _status, s | ClosedFlag, s) == s) return;
        }
    }

    public bool CanBeScheduledForExecution(bool hasMessageHint, bool hasSystemMessageHint)
    {
        var s = Volatile.Read(ref _status);
        if ((s & ClosedFlag) != 0) return false;
        var hasSystem = hasSystemMessageHint || !_systemQueue.IsEmpty;
        if (s >= SuspendUnit) return hasSystem;
        return hasSystem || hasMessageHint || HasUserMessages;
    }

    public bool SetAsScheduled()
    {
        while (true)
        {
            var s = Volatile.Read(ref _status);
            if ((s & (ScheduledFlag | ClosedFlag)) != 0) return false;
            if (Interlocked.CompareExchange(ref _status, s | ScheduledFlag, s) == s) return true;
        }
    }

    private void SetAsIdle()
    {
        while (true)
        {
            var s = Volatile.Read(ref _status);
            if (Interlocked.CompareExchange(ref _status, s & ~ScheduledFlag, s) == s) return;
        }
    }

    private bool ShouldProcessUserMessages => (Volatile.Read(ref _status) & ~ScheduledFlag) == 0;

    public void Execute()
    {
        try
        {
            if (!IsClosed)
            {
                ProcessAllSystemMessages();
                ProcessUserMessages();
            }
        }
        catch (Exception e)
        {
            // The cell handles actor failures itself; reaching here is a runtime bug. Never kill the process for it.
            _cell.LogRuntimeError(e);
        }
        finally
        {
            SetAsIdle();
            // Work that arrived while we ran (or the rest of the throughput budget) gets another turn.
            _dispatcher.RegisterForExecution(this, hasMessageHint: false, hasSystemMessageHint: false);
        }
    }

    private void ProcessUserMessages()
    {
        var left = _dispatcher.Throughput;
        while (left-- > 0 && ShouldProcessUserMessages && TryDequeue(out var envelope))
        {
            _cell.Invoke(envelope);
            ProcessAllSystemMessages();
        }
    }

    private void ProcessAllSystemMessages()
    {
        while (!IsClosed && _systemQueue.TryDequeue(out var message))
        {
            _cell.SystemInvoke(message);
        }
    }
}
