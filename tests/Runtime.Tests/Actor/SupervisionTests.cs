using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Tests.Actor;

public sealed class SupervisionTests : ActorStream.TestKit.TestKit
{
    private sealed record CreateChild(Props Props, string Name);

    /// <summary>A parent with a given strategy that creates children on request.</summary>
    private sealed class Supervisor(SupervisorStrategy strategy) : ReceiveActor
    {
        protected override void PreStart()
        {
            Become(() =>
            {
                Receive<CreateChild>(c => Sender.Tell(Context.ActorOf(c.Props, c.Name), Self));
                Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("supervisor failed"));
            });
        }

        protected override SupervisorStrategy SupervisorStrategy() => strategy;
    }

    /// <summary>Counts messages (state), reports restarts, fails on request.</summary>
    private sealed class Worker : ReceiveActor
    {
        private int _count;

        public Worker(IActorRef log)
        {
            Receive<Exception>(e => throw e);
            Receive<string>(s => s == "count", _ => Sender.Tell(_count, Self));
            ReceiveAny(_ => _count++);
            Log = log;
        }

        private IActorRef Log { get; }

        protected override void PostRestart(Exception reason) => Log.Tell($"restarted:{Self.Path.Name}:{reason.Message}", null);

        protected override void PostStop() => Log.Tell($"stopped:{Self.Path.Name}", null);
    }

    private async Task<IActorRef> Child(IActorRef supervisor, string name, IActorRef log)
    {
        supervisor.Tell(new CreateChild(Props.Create(() => new Worker(log)), name), TestActor);
        return await ExpectMsgAsync<IActorRef>(cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Resume_keeps_the_state()
    {
        var ct = TestContext.Current.CancellationToken;
        var log = CreateTestProbe();
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(new OneForOneStrategy(_ => Directive.Resume))));
        var child = await Child(supervisor, "w", log);
        child.Tell("x", null);
        child.Tell("y", null);
        child.Tell(new InvalidOperationException("oops"), null);
        child.Tell("z", null);
        child.Tell("count", TestActor);
        Assert.Equal(3, await ExpectMsgAsync<int>(cancellationToken: ct));
        await log.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100), ct);
    }

    [Fact]
    public async Task Restart_resets_the_state()
    {
        var ct = TestContext.Current.CancellationToken;
        var log = CreateTestProbe();
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(SupervisorStrategy.DefaultStrategy)));
        var child = await Child(supervisor, "w", log);
        child.Tell("x", null);
        child.Tell(new InvalidOperationException("oops"), null);
        await log.ExpectMsgAsync("stopped:w", cancellationToken: ct); // default PreRestart calls PostStop
        await log.ExpectMsgAsync("restarted:w:oops", cancellationToken: ct);
        child.Tell("count", TestActor);
        Assert.Equal(0, await ExpectMsgAsync<int>(cancellationToken: ct));
    }

    [Fact]
    public async Task Exceeding_maxNrOfRetries_within_the_time_range_stops_the_child()
    {
        var ct = TestContext.Current.CancellationToken;
        var log = CreateTestProbe();
        var strategy = new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart);
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(strategy)));
        var child = await Child(supervisor, "w", log);
        Watch(child);
        child.Tell(new InvalidOperationException("1"), null);
        await log.FishForMessageAsync(m => m is "restarted:w:1", cancellationToken: ct);
        child.Tell(new InvalidOperationException("2"), null);
        await log.FishForMessageAsync(m => m is "restarted:w:2", cancellationToken: ct);
        child.Tell(new InvalidOperationException("3"), null);
        await ExpectTerminatedAsync(child, cancellationToken: ct);
    }

    [Fact]
    public async Task Zero_retries_stops_at_the_first_failure()
    {
        var ct = TestContext.Current.CancellationToken;
        var log = CreateTestProbe();
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(new OneForOneStrategy(0, null, _ => Directive.Restart))));
        var child = await Child(supervisor, "w", log);
        Watch(child);
        child.Tell(new InvalidOperationException("1"), null);
        await ExpectTerminatedAsync(child, cancellationToken: ct);
    }

    [Fact]
    public async Task AllForOne_restarts_the_siblings_too()
    {
        var ct = TestContext.Current.CancellationToken;
        var log = CreateTestProbe();
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(new AllForOneStrategy(_ => Directive.Restart))));
        var a = await Child(supervisor, "a", log);
        var b = await Child(supervisor, "b", log);
        b.Tell("x", null);
        a.Tell(new InvalidOperationException("a failed"), null);
        var restarts = new HashSet<object>();
        while (restarts.Count < 2)
        {
            restarts.Add(await log.FishForMessageAsync(m => m is string s && s.StartsWith("restarted:", StringComparison.Ordinal), cancellationToken: ct));
        }
        Assert.Equal(["restarted:a:a failed", "restarted:b:a failed"], restarts.Cast<string>().Order());
        b.Tell("count", TestActor);
        Assert.Equal(0, await ExpectMsgAsync<int>(cancellationToken: ct));
    }

    [Fact]
    public async Task OneForOne_leaves_the_siblings_alone()
    {
        var ct = TestContext.Current.CancellationToken;
        var log = CreateTestProbe();
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(SupervisorStrategy.DefaultStrategy)));
        var a = await Child(supervisor, "a", log);
        var b = await Child(supervisor, "b", log);
        b.Tell("x", null);
        a.Tell(new InvalidOperationException("a failed"), null);
        await log.FishForMessageAsync(m => m is "restarted:a:a failed", cancellationToken: ct);
        b.Tell("count", TestActor);
        Assert.Equal(1, await ExpectMsgAsync<int>(cancellationToken: ct));
    }

    [Fact]
    public async Task Escalate_lets_the_grandparent_strategy_decide()
    {
        var ct = TestContext.Current.CancellationToken;
        var log = CreateTestProbe();
        var decisions = CreateTestProbe();
        // Grandparent stops whatever fails with the escalated exception type, and reports what it saw.
        var grandparentStrategy = new OneForOneStrategy(e =>
        {
            decisions.Tell(e.GetType().Name + ":" + e.Message, null);
            return Directive.Stop;
        });
        var grandparent = Sys.ActorOf(Props.Create(() => new Supervisor(grandparentStrategy)), "gp");
        grandparent.Tell(new CreateChild(Props.Create(() => new Supervisor(new OneForOneStrategy(_ => Directive.Escalate))), "parent"), TestActor);
        var parent = await ExpectMsgAsync<IActorRef>(cancellationToken: ct);
        var child = await Child(parent, "w", log);
        Watch(parent);
        Watch(child);

        child.Tell(new ArgumentException("deep"), null);

        Assert.Equal("ArgumentException:deep", await decisions.ExpectMsgAsync<string>(cancellationToken: ct));
        // The grandparent stopped the parent, which stops the child first.
        var terminated = await ReceiveNAsync(2, cancellationToken: ct);
        Assert.Contains(terminated, m => m is Terminated t && t.ActorRef.Equals(child));
        Assert.Contains(terminated, m => m is Terminated t && t.ActorRef.Equals(parent));
    }

    [Fact]
    public async Task A_failing_parent_suspends_its_children_until_it_is_resumed()
    {
        var ct = TestContext.Current.CancellationToken;
        var log = CreateTestProbe();
        var grandparent = Sys.ActorOf(Props.Create(() => new Supervisor(new OneForOneStrategy(_ => Directive.Resume))));
        grandparent.Tell(new CreateChild(Props.Create(() => new Supervisor(SupervisorStrategy.DefaultStrategy)), "parent"), TestActor);
        var parent = await ExpectMsgAsync<IActorRef>(cancellationToken: ct);
        var child = await Child(parent, "w", log);
        parent.Tell("fail", null);
        child.Tell("x", null);
        child.Tell("count", TestActor);
        // Resumed: the child keeps its state and answers.
        Assert.Equal(1, await ExpectMsgAsync<int>(cancellationToken: ct));
        await log.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100), ct);
    }

    [Fact]
    public async Task Kill_makes_the_default_strategy_stop_the_actor()
    {
        var ct = TestContext.Current.CancellationToken;
        var log = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new Worker(log)));
        Watch(actor);
        actor.Tell(Kill.Instance, null);
        await ExpectTerminatedAsync(actor, cancellationToken: ct);
        await log.ExpectMsgAsync("stopped:" + actor.Path.Name, cancellationToken: ct);
    }

    [Fact]
    public void Default_decider_follows_Akka()
    {
        var d = SupervisorStrategy.DefaultDecider;
        Assert.Equal(Directive.Stop, d(new ActorInitializationException(null, "x")));
        Assert.Equal(Directive.Stop, d(new ActorKilledException()));
        Assert.Equal(Directive.Stop, d(new DeathPactException(ActorRefs.Nobody)));
        Assert.Equal(Directive.Restart, d(new InvalidOperationException()));
    }
}
