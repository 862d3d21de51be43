using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ActorStream.Runtime.Actor;

/// <summary>
/// Scheduler on System.Threading.Timer: one timer per scheduled item, removed when it fires once or is
/// cancelled; all are disposed when the actor system terminates.
/// </summary>
internal sealed class DefaultScheduler : IScheduler, IDisposable
{
    private readonly ConcurrentDictionary<Item, byte> _items = new();
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly ILogger _log;
    private volatile bool _disposed;

    public DefaultScheduler(ILogger log) => _log = log;

    public DateTimeOffset Now => DateTimeOffset.UtcNow;
    public TimeSpan MonotonicClock => Stopwatch.GetElapsedTime(_start);

    public ICancelable ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender)
    {
        var cancelable = new Cancelable();
        ScheduleTellOnce(delay, receiver, message, sender, cancelable);
        return cancelable;
    }

    public void ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender, ICancelable cancelable)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        Schedule(delay, null, () => receiver.Tell(message, sender), cancelable);
    }

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender)
    {
        var cancelable = new Cancelable();
        ScheduleTellRepeatedly(initialDelay, interval, receiver, message, sender, cancelable);
        return cancelable;
    }

    public void ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender, ICancelable cancelable)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        Schedule(initialDelay, interval, () => receiver.Tell(message, sender), cancelable);
    }

    public ICancelable ScheduleOnce(TimeSpan delay, Action action)
    {
        var cancelable = new Cancelable();
        Schedule(delay, null, action, cancelable);
        return cancelable;
    }

    public ICancelable ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action)
    {
        var cancelable = new Cancelable();
        Schedule(initialDelay, interval, action, cancelable);
        return cancelable;
    }

    private void Schedule(TimeSpan delay, TimeSpan? interval, Action action, ICancelable cancelable)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(cancelable);
        if (delay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(delay), delay, "delay must not be negative");
        if (interval is { } i && i <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), interval, "interval must be positive");
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (cancelable.IsCancellationRequested) return;

        var item = new Item(this, action, interval is null);
        _items.TryAdd(item, 0);
        item.Start(delay, interval, cancelable.Token);
    }

    private void Remove(Item item) => _items.TryRemove(item, out _);

    public void Dispose()
    {
        _disposed = true;
        foreach (var item in _items.Keys) item.Stop();
        _items.Clear();
    }

    private sealed class Item(DefaultScheduler owner, Action action, bool once)
    {
        private Timer? _timer;
        private CancellationTokenRegistration _registration;
        private int _stopped;
        private long _dueTimestamp;

        public void Start(TimeSpan delay, TimeSpan? interval, CancellationToken token)
        {
            _dueTimestamp = Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency);
            // Created unstarted so the timer cannot fire before the field is set.
            _timer = new Timer(static s => ((Item)s!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _registration = token.Register(static s => ((Item)s!).Stop(), this);
            if (Volatile.Read(ref _stopped) == 0) _timer.Change(delay, interval ?? Timeout.InfiniteTimeSpan);
        }

        private void Fire()
        {
            if (Volatile.Read(ref _stopped) != 0) return;
            if (once)
            {
                // .NET timers run on a coarse clock (CLOCK_MONOTONIC_COARSE, 4 ms steps on Linux) and may fire a few
                // ms early; a one-shot delay is a promise of "not before", so the rest is waited for.
                var early = _dueTimestamp - Stopwatch.GetTimestamp();
                if (early > 0)
                {
                    try
                    {
                        _timer?.Change(TimeSpan.FromMilliseconds(Math.Ceiling(early * 1000.0 / Stopwatch.Frequency)), Timeout.InfiniteTimeSpan);
                    }
                    catch (ObjectDisposedException)
                    {
                        // Cancelled meanwhile: nothing is due any more.
                    }

                    return;
                }

                Stop();
            }

            try
            {
                action();
            }
            catch (Exception e)
            {
                owner._log.LogError(e, "Scheduled action failed");
            }
        }

        public void Stop()
        {
            if (Interlocked.Exchange(ref _stopped, 1) != 0) return;
            _timer?.Dispose();
            _registration.Dispose();
            owner.Remove(this);
        }
    }
}
