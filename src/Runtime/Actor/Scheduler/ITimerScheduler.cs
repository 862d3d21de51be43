namespace ActorStream.Runtime.Actor;

/// <summary>
/// Akka's actor timers: keyed timers that send a message to Self. Starting a timer with a key replaces the
/// previous one with that key; a cancelled timer's message is never delivered, even if already enqueued; all
/// timers are cancelled when the actor restarts or stops. Use only from the actor itself.
/// </summary>
public interface ITimerScheduler
{
    void StartSingleTimer(object key, object message, TimeSpan timeout);
    void StartPeriodicTimer(object key, object message, TimeSpan interval);
    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);
    bool IsTimerActive(object key);
    IReadOnlyCollection<object> ActiveTimers { get; }
    void Cancel(object key);
    void CancelAll();
}
