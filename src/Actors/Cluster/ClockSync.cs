using ActorStream.Media.Measurement;
using ActorStream.Messages.Cluster;
using Akka.Actor;

namespace ActorStream.Actors.Cluster;

/// <summary>
/// A viewer node's half of the clock-sync pair: pings the seed's <see cref="ClockResponder"/> every interval,
/// feeds each answer to an NTP-style <see cref="ClockOffsetEstimator"/> (the shortest round trip of the last 8
/// wins) and tells its parent every new estimate as <see cref="ClockOffsetEstimated"/>. Akka has no clock offsets;
/// the cluster's heartbeats carry no times.
/// </summary>
public sealed class ClockSync : ReceiveActor, IWithTimers
{
    public const string Name = "clock-sync";

    private readonly ICanTell _seedClock;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ClockOffsetEstimator _estimator = new();

    public ClockSync(ICanTell seedClock, TimeSpan interval, TimeProvider time)
    {
        _seedClock = seedClock;
        _interval = interval;
        _time = time;
        Receive<ClockSyncTick>(_ => _seedClock.Tell(new ClockPing(Now()), Self));
        Receive<ClockPong>(pong =>
        {
            // Garbage or a stale answer from the wire changes nothing (the estimator checks bounds).
            if (_estimator.Add(pong.SentUnixUs, pong.AnsweredUnixUs, Now()) && _estimator.Current is { } offset)
            {
                Context.Parent.Tell(new ClockOffsetEstimated(offset.Offset, offset.RoundTrip, offset.Samples));
            }
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="seedClock">The seed's /user/clock (a selection: it is found again after the seed restarts).</param>
    /// <param name="interval">Time between pings.</param>
    public static Props Props(ICanTell seedClock, TimeSpan interval) => Props(seedClock, interval, TimeProvider.System);

    public static Props Props(ICanTell seedClock, TimeSpan interval, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(seedClock);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return Akka.Actor.Props.Create(() => new ClockSync(seedClock, interval, time));
    }

    protected override void PreStart()
    {
        Self.Tell(ClockSyncTick.Instance);
        Timers.StartPeriodicTimer("ping", ClockSyncTick.Instance, _interval);
    }

    private long Now() => ClockResponder.UnixMicroseconds(_time);
}
