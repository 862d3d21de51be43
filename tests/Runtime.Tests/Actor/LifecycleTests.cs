using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Tests.Actor;

public sealed class LifecycleTests : ActorStream.TestKit.TestKit
{
    private sealed class Hooks : UntypedActor
    {
        private readonly IActorRef _log;
        private readonly int _id;
        private int _state;

        public Hooks(IActorRef log, int[] instances)
        {
            _log = log;
            _id = Interlocked.Increment(ref instances[0]);
            _log.Tell($"ctor:{_id}", null);
        }

        protected override void PreStart() => _log.Tell($"preStart:{_id}", null);
        protected override void PostStop() => _log.Tell($"postStop:{_id}", null);

        protected override void PreRestart(Exception reason, object? message)
        {
            _log.Tell($"preRestart:{_id}:{message}", null);
            base.PreRestart(reason, message);
        }

        protected override void PostRestart(Exception reason)
        {
            _log.Tell($"postRestart:{_id}", null);
            base.PostRestart(reason);
        }

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case "boom": throw new InvalidOperationException("boom");
                case "child": Sender.Tell(Context.ActorOf(Props.Create(() => new Hooks(_log, new int[1])), "child"), Self); break;
                default:
                    _state++;
                    _log.Tell($"{message}:{_id}:{_state}", null);
                    break;
            }
        }
    }

    [Fact]
    public async Task Start_and_stop_call_the_hooks_in_order()
    {
        var ct = TestContext.Current.CancellationToken;
        var log = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new Hooks(log, new int[1])));
        await log.ExpectMsgAsync("ctor:1", cancellationToken: ct);
        await log.ExpectMsgAsync("preStart:1", cancellationToken: ct);
        Sys.Stop(actor);
        await log.ExpectMsgAsync("postStop:1", cancellationToken: ct);
    }

    [Fact]
    public async Task Restart_creates_a_new_instance_keeps_the_mailbox_and_drops_the_failing_message()
    {
        var ct = TestContext.Current.CancellationToken;
        var log = CreateTestProbe();
        var counter = new int[1];
        var actor = Sys.ActorOf(Props.Create(() => new Hooks(log, counter)));
        actor.Tell("a", null);
        actor.Tell("boom", null);
        actor.Tell("b", null);
        actor.Tell("c", null);

        string[] expected =
        [
            "ctor:1", "preStart:1", "a:1:1",
            "preRestart:1:boom", "postStop:1",
            "ctor:2", "postRestart:2", "preStart:2",
            // State is fresh, nothing was lost, and "boom" was not retried.
            "b:2:1", "c:2:2",
        ];
        foreach (var e in expected) await log.ExpectMsgAsync(e, cancellationToken: ct);
        await log.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100), ct);
    }

    [Fact]
    public async Task Default_PreRestart_stops_the_children()
    {
        var ct = TestContext.Current.CancellationToken;
        var log = CreateTestProbe();
        var parent = Sys.ActorOf(Props.Create(() => new Hooks(log, new int[1])), "parent");
        parent.Tell("child", TestActor);
        var child = await ExpectMsgAsync<IActorRef>(cancellationToken: ct);
        Watch(child);
        parent.Tell("boom", null);
        await ExpectTerminatedAsync(child, cancellationToken: ct);
        // The restarted parent has no children; the name is free again.
        parent.Tell("child", TestActor);
        var second = await ExpectMsgAsync<IActorRef>(cancellationToken: ct);
        Assert.Equal(child.Path, second.Path);
        Assert.NotEqual(child, second);
    }

    private sealed class FailingConstructor : UntypedActor
    {
        public FailingConstructor() => throw new InvalidOperationException("no");

        protected override void OnReceive(object message) { }
    }

    [Fact]
    public async Task A_failing_constructor_stops_the_actor()
    {
        var ct = TestContext.Current.CancellationToken;
        var actor = Sys.ActorOf(Props.Create<FailingConstructor>());
        Watch(actor);
        await ExpectTerminatedAsync(actor, cancellationToken: ct);
    }

    [Fact]
    public void Creating_an_actor_with_new_is_rejected()
    {
        Assert.Throws<ActorInitializationException>(() => new Hooks(ActorRefs.Nobody, new int[1]));
    }

    [Fact]
    public void Duplicate_and_invalid_child_names_are_rejected()
    {
        Sys.ActorOf(Props.Create(() => new Hooks(ActorRefs.Nobody, new int[1])), "same");
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create(() => new Hooks(ActorRefs.Nobody, new int[1])), "same"));
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create(() => new Hooks(ActorRefs.Nobody, new int[1])), "$reserved"));
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create(() => new Hooks(ActorRefs.Nobody, new int[1])), "a/b"));
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create(() => new Hooks(ActorRefs.Nobody, new int[1])), ""));
    }
}
