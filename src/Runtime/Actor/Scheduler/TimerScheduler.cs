namespace ActorStream.Runtime.Actor;

/// <summary>
/// The timers of one actor cell. Each start bumps a generation; the scheduled message carries it, and a
/// message whose generation is no longer current is dropped on arrival: that is how a cancelled timer never
/// delivers. Touched only on the actor's own turn, so no locking.
/// </summary>
internal sealed class TimerScheduler(ActorCell cell) : ITimerScheduler
{
    private readonly Dictionary<object, Entry> _timers = [];
    private int _generation;

    public IReadOnlyCollection<object> ActiveTimers => _timers.Keys;

    public void StartSingleTimer(object key, object message, TimeSpan timeout) =>
        Start(key, message, timeout, null);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) =>
        Start(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval) =>
        Start(key, message, initialDelay, interval);

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var entry)) entry.Task.Cancel();
    }

    public void CancelAll()
    {
        foreach (var entry in _timers.Values) entry.Task.Cancel();
        _timers.Clear();
    }

    private void Start(object key, object message, TimeSpan delay, TimeSpan? interval)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        Cancel(key);
        var generation = ++_generation;
        var timerMessage = new TimerMessage(key, generation, message, this);
        var scheduler = cell.System.Scheduler;
        var task = interval is { } i
            ? scheduler.ScheduleTellRepeatedly(delay, i, cell.Self, timerMessage, null)
            : scheduler.ScheduleTellOnce(delay, cell.Self, timerMessage, null);
        _timers[key] = new Entry(generation, interval is not null, task);
    }

    /// <summary>True when the message belongs to a live timer (and should be delivered).</summary>
    public bool Accept(TimerMessage message)
    {
        if (!ReferenceEquals(message.Owner, this)) return false;
        if (!_timers.TryGetValue(message.Key, out var entry) || entry.Generation != message.Generation) return false;
        if (!entry.Periodic) _timers.Remove(message.Key);
        return true;
    }

    private sealed record Entry(int Generation, bool Periodic, ICancelable Task);
}
