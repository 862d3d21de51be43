using System.Diagnostics;

namespace ActorStream.Runtime.Actor;

/// <summary>
/// Receive timeout without a timer per message: each message only records a timestamp; one scheduled tick
/// checks the idle time and either delivers ReceiveTimeout or re-arms for the remaining time.
/// </summary>
internal sealed partial class ActorCell
{
    private TimeSpan? _receiveTimeout;
    private long _lastActivity;
    private int _receiveTimeoutGeneration;
    private ICancelable? _receiveTimeoutTask;

    TimeSpan? IActorContext.ReceiveTimeout => _receiveTimeout;

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        if (timeout is null || timeout.Value <= TimeSpan.Zero || timeout.Value == Timeout.InfiniteTimeSpan)
        {
            CancelReceiveTimeout();
            return;
        }
        _receiveTimeout = timeout;
        _lastActivity = Stopwatch.GetTimestamp();
        ArmReceiveTimeout(timeout.Value);
    }

    private void CancelReceiveTimeout()
    {
        _receiveTimeout = null;
        _receiveTimeoutGeneration++;
        _receiveTimeoutTask?.Cancel();
        _receiveTimeoutTask = null;
    }

    private void ArmReceiveTimeout(TimeSpan delay)
    {
        _receiveTimeoutTask?.Cancel();
        var tick = new ReceiveTimeoutTick(++_receiveTimeoutGeneration);
        _receiveTimeoutTask = _system.Scheduler.ScheduleTellOnce(delay, Self, tick, null);
    }

    private void MarkReceiveActivity(object message)
    {
        if (message is ReceiveTimeoutTick) return;
        if (message is TimerMessage { Message: INotInfluenceReceiveTimeout }) return;
        _lastActivity = Stopwatch.GetTimestamp();
    }

    private void OnReceiveTimeoutTick(ReceiveTimeoutTick tick)
    {
        if (tick.Generation != _receiveTimeoutGeneration || _receiveTimeout is not { } timeout) return;
        var idle = Stopwatch.GetElapsedTime(_lastActivity);
        if (idle >= timeout)
        {
            _lastActivity = Stopwatch.GetTimestamp();
            ArmReceiveTimeout(timeout);
            _currentEnvelope = new Dispatch.Envelope(global::ActorStream.Runtime.Actor.ReceiveTimeout.Instance, null);
            ReceiveMessage(global::ActorStream.Runtime.Actor.ReceiveTimeout.Instance);
        }
        else
        {
            ArmReceiveTimeout(timeout - idle);
        }
    }
}
