namespace ActorStream.Runtime.Actor;

/// <summary>Sends messages (or runs actions) later, once or repeatedly (Akka's IScheduler).</summary>
public interface IScheduler
{
    DateTimeOffset Now { get; }

    /// <summary>Monotonic time since the scheduler started.</summary>
    TimeSpan MonotonicClock { get; }

    ICancelable ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender);

    /// <summary>As above; cancelled when <paramref name="cancelable"/> is.</summary>
    void ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender, ICancelable cancelable);

    ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender);

    void ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender, ICancelable cancelable);

    /// <summary>Runs <paramref name="action"/> on the thread pool (never inside an actor: tell an actor instead of touching its state).</summary>
    ICancelable ScheduleOnce(TimeSpan delay, Action action);

    ICancelable ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action);
}
