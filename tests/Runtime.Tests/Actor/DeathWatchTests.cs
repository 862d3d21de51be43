using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Tests.Actor;

public sealed class DeathWatchTests : ActorStream.TestKit.TestKit
{
    private sealed class Idle : ReceiveActor
    {
        public Idle() => ReceiveAny(_ => { });
    }

    private sealed class Watcher(IActorRef target, IActorRef report, bool handle) : ReceiveActor
    {
        protected override void PreStart()
        {
            Context.Watch(target);
            Context.Watch(target); // watching twice must not give two Terminated
            // A Terminated cannot be forwarded (as in Akka, the receiver would drop it): report it wrapped.
            if (handle) Become(() => Receive<Terminated>(t => report.Tell("terminated:" + t.ActorRef.Path.Name, Self)));
        }

        protected override void PostStop() => report.Tell("watcher-stopped", null);
    }

    [Fact]
    public async Task Terminated_is_delivered_exactly_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var target = Sys.ActorOf(Props.Create<Idle>(), "target");
        Sys.ActorOf(Props.Create(() => new Watcher(target, TestActor, true)));
        // Let the watch be established through a round trip of a probe that watches too.
        var probe = CreateTestProbe();
        probe.Watch(target);
        Sys.Stop(target);
        await probe.ExpectTerminatedAsync(target, cancellationToken: ct);
        await ExpectMsgAsync("terminated:target", cancellationToken: ct);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200), ct);
    }

    [Fact]
    public async Task Watching_an_already_dead_actor_delivers_Terminated_immediately()
    {
        var ct = TestContext.Current.CancellationToken;
        var target = Sys.ActorOf(Props.Create<Idle>());
        Watch(target);
        Sys.Stop(target);
        await ExpectTerminatedAsync(target, cancellationToken: ct);

        var late = CreateTestProbe();
        late.Watch(target);
        await late.ExpectTerminatedAsync(target, cancellationToken: ct);
    }

    [Fact]
    public async Task An_unhandled_Terminated_is_a_DeathPactException_that_stops_the_watcher()
    {
        var ct = TestContext.Current.CancellationToken;
        var target = Sys.ActorOf(Props.Create<Idle>());
        var report = CreateTestProbe();
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(target, report, false)));
        Watch(watcher);
        var probe = CreateTestProbe();
        probe.Watch(target);
        Sys.Stop(target);
        await probe.ExpectTerminatedAsync(target, cancellationToken: ct);
        await ExpectTerminatedAsync(watcher, cancellationToken: ct);
        await report.ExpectMsgAsync("watcher-stopped", cancellationToken: ct);
    }

    [Fact]
    public async Task Unwatch_prevents_Terminated()
    {
        var ct = TestContext.Current.CancellationToken;
        var target = Sys.ActorOf(Props.Create<Idle>());
        var other = Sys.ActorOf(Props.Create<Idle>());
        Watch(target);
        Unwatch(target);
        Watch(other);
        Sys.Stop(target);
        Sys.Stop(other);
        // Terminated of "other" proves the stop of "target" has been processed by now.
        await ExpectTerminatedAsync(other, cancellationToken: ct);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100), ct);
    }

    private sealed class Tree(IActorRef log, int depth) : ReceiveActor
    {
        protected override void PreStart()
        {
            if (depth > 0) Context.ActorOf(Props.Create(() => new Tree(log, depth - 1)), "level" + (depth - 1));
            Become(() => ReceiveAny(_ => { }));
        }

        protected override void PostStop() => log.Tell("postStop:" + Self.Path.Name, null);
    }

    [Fact]
    public async Task Stopping_is_recursive_children_first_then_PostStop_then_watchers()
    {
        var ct = TestContext.Current.CancellationToken;
        var top = Sys.ActorOf(Props.Create(() => new Tree(TestActor, 2)), "top");
        Watch(top);
        var selection = Sys.ActorSelection("/user/top/level1/level0");
        await AwaitConditionAsync(() => selection.ResolveAll().Count == 1, cancellationToken: ct);
        var child = selection.ResolveAll()[0];
        Sys.Stop(top);
        await ExpectMsgAsync("postStop:level0", cancellationToken: ct);
        await ExpectMsgAsync("postStop:level1", cancellationToken: ct);
        await ExpectMsgAsync("postStop:top", cancellationToken: ct);
        await ExpectTerminatedAsync(top, cancellationToken: ct);
        Assert.True(((IInternalActorRef)child).IsTerminated);
    }
}
