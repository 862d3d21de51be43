namespace ActorStream.Runtime.Actor;

/// <summary>An actor that uses timers; the runtime sets <see cref="Timers"/> right after construction.</summary>
public interface IWithTimers
{
    ITimerScheduler Timers { get; set; }
}
