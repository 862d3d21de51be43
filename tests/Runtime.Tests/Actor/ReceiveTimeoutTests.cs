using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Tests.Actor;

public sealed class ReceiveTimeoutTests : ActorStream.TestKit.TestKit
{
    private sealed class Idle : ReceiveActor
    {
        public Idle(IActorRef report, TimeSpan timeout)
        {
            SetReceiveTimeout(timeout);
            Receive<ReceiveTimeout>(_ => report.Tell("timeout", Self));
            Receive<string>(s => s == "off", _ => SetReceiveTimeout(null));
            ReceiveAny(_ => { });
        }
    }

    [Fact]
    public async Task ReceiveTimeout_fires_when_idle_and_again_while_idle()
    {
        var ct = TestContext.Current.CancellationToken;
        Sys.ActorOf(Props.Create(() => new Idle(TestActor, TimeSpan.FromMilliseconds(100))));
        await ExpectMsgAsync("timeout", cancellationToken: ct);
        await ExpectMsgAsync("timeout", cancellationToken: ct);
    }

    [Fact]
    public async Task Messages_reset_the_receive_timeout()
    {
        var ct = TestContext.Current.CancellationToken;
        var actor = Sys.ActorOf(Props.Create(() => new Idle(TestActor, TimeSpan.FromMilliseconds(300))));
        // Keep it busy for ~600 ms with a message every 50 ms: no timeout may fire meanwhile.
        var keepBusy = Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.Zero, TimeSpan.FromMilliseconds(50), actor, "busy", null);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(600), ct);
        keepBusy.Cancel();
        await ExpectMsgAsync("timeout", cancellationToken: ct);
    }

    [Fact]
    public async Task Turning_it_off_stops_the_timeouts()
    {
        var ct = TestContext.Current.CancellationToken;
        var actor = Sys.ActorOf(Props.Create(() => new Idle(TestActor, TimeSpan.FromMilliseconds(100))));
        await ExpectMsgAsync("timeout", cancellationToken: ct);
        actor.Tell("off", null);
        // A timeout already queued may still arrive once; then nothing.
        await TestActor.ReceiveOneAsync(TimeSpan.FromMilliseconds(150), ct);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300), ct);
    }
}
