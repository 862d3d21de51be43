using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Tests.Actor;

public sealed class TimersTests : ActorStream.TestKit.TestKit
{
    private sealed record Start(string Kind, TimeSpan Interval);

    private sealed class TimerActor : ReceiveActor, IWithTimers
    {
        public ITimerScheduler Timers { get; set; } = null!;

        public TimerActor(IActorRef report)
        {
            Receive<Start>(s =>
            {
                if (s.Kind == "single") Timers.StartSingleTimer("key", "fired", s.Interval);
                else Timers.StartPeriodicTimer("key", "fired", s.Interval);
            });
            Receive<string>(s => s == "cancel", _ => Timers.Cancel("key"));
            Receive<string>(s => s == "active", _ => Sender.Tell(Timers.IsTimerActive("key"), Self));
            Receive<string>(s => s == "boom", _ => throw new InvalidOperationException("boom"));
            Receive<string>(s => s == "fired", s => report.Tell(s, Self));
        }
    }

    [Fact]
    public async Task Single_timer_fires_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new Start("single", TimeSpan.FromMilliseconds(50)), null);
        await ExpectMsgAsync("fired", cancellationToken: ct);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200), ct);
        actor.Tell("active", TestActor);
        Assert.False(await ExpectMsgAsync<bool>(cancellationToken: ct));
    }

    [Fact]
    public async Task Periodic_timer_repeats_until_cancelled()
    {
        var ct = TestContext.Current.CancellationToken;
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new Start("periodic", TimeSpan.FromMilliseconds(30)), null);
        await ReceiveNAsync(3, cancellationToken: ct);
        actor.Tell("cancel", null);
        actor.Tell("active", TestActor);
        // Messages enqueued before the cancel are dropped by the generation check, so after "active" nothing fires.
        await FishForMessageAsync(m => m is false, cancellationToken: ct);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200), ct);
    }

    [Fact]
    public async Task Timers_are_cancelled_when_the_actor_stops()
    {
        var ct = TestContext.Current.CancellationToken;
        var letters = CreateTestProbe();
        Sys.EventStream.Subscribe(letters, typeof(Event.DeadLetter));
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new Start("periodic", TimeSpan.FromMilliseconds(50)), null);
        await ExpectMsgAsync("fired", cancellationToken: ct);
        Watch(actor);
        Sys.Stop(actor);
        await FishForMessageAsync(m => m is Terminated, cancellationToken: ct);
        // No timer message keeps arriving as a dead letter: the timer itself is gone.
        await letters.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300), ct);
    }

    [Fact]
    public async Task Timers_are_cancelled_when_the_actor_restarts()
    {
        var ct = TestContext.Current.CancellationToken;
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new Start("single", TimeSpan.FromMilliseconds(200)), null);
        actor.Tell("boom", null);
        actor.Tell("active", TestActor);
        Assert.False(await ExpectMsgAsync<bool>(cancellationToken: ct));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(400), ct);
    }
}
