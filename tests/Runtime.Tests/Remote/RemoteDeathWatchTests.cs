using System.Diagnostics;
using ActorStream.Runtime.Actor;
using ActorStream.TestKit;

namespace ActorStream.Runtime.Tests.Remote;

public sealed class RemoteDeathWatchTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Watching_a_remote_actor_gives_Terminated_when_it_stops()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var nodes = new RemoteNodes();
        var a = nodes.Start();
        var b = nodes.Start();
        var echo = b.ActorOf(Props.Create<EchoActor>(), "echo");
        var remote = await a.ActorSelection($"{RemoteNodes.AddressOf(b)}/user/echo").ResolveOne(TimeSpan.FromSeconds(5));
        var probe = new TestProbe(a);
        probe.Watch(remote);
        // A round trip after the watch: the Watch frame is ahead of this message on the same connection.
        remote.Tell(new Echo("sync"), probe);
        await probe.ExpectMsgAsync<Echo>(cancellationToken: ct);
        b.Stop(echo);
        var terminated = await probe.ExpectMsgAsync<Terminated>(TimeSpan.FromSeconds(5), ct);
        Assert.Equal(remote, terminated.ActorRef);
        Assert.False(terminated.AddressTerminated);
    }

    [Fact]
    public async Task Watching_a_missing_remote_actor_gives_Terminated_at_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var nodes = new RemoteNodes();
        var a = nodes.Start();
        var b = nodes.Start();
        var missing = ((ExtendedActorSystem)a).Provider.ResolveActorRef($"{RemoteNodes.AddressOf(b)}/user/none");
        var probe = new TestProbe(a);
        probe.Watch(missing);
        var terminated = await probe.ExpectMsgAsync<Terminated>(TimeSpan.FromSeconds(5), ct);
        Assert.False(terminated.ExistenceConfirmed);
    }

    [Fact]
    public async Task Terminating_the_remote_system_gives_Terminated()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var nodes = new RemoteNodes();
        var a = nodes.Start();
        var b = nodes.Start();
        b.ActorOf(Props.Create<EchoActor>(), "echo");
        var remote = await a.ActorSelection($"{RemoteNodes.AddressOf(b)}/user/echo").ResolveOne(TimeSpan.FromSeconds(5));
        var probe = new TestProbe(a);
        probe.Watch(remote);
        remote.Tell(new Echo("sync"), probe);
        await probe.ExpectMsgAsync<Echo>(cancellationToken: ct);
        await b.Terminate().WaitAsync(TimeSpan.FromSeconds(10), ct);
        await probe.ExpectMsgAsync<Terminated>(TimeSpan.FromSeconds(5), ct);
    }

    [Fact]
    public async Task An_aborted_node_ends_watches_with_AddressTerminated_after_watch_failure_after()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var nodes = new RemoteNodes();
        const string fast = "actorstream.remote { watch-heartbeat-interval = 200ms, watch-failure-after = 1s }";
        var a = nodes.Start(extra: fast);
        var b = nodes.Start(extra: fast);
        b.ActorOf(Props.Create<EchoActor>(), "echo");
        var remote = await a.ActorSelection($"{RemoteNodes.AddressOf(b)}/user/echo").ResolveOne(TimeSpan.FromSeconds(5));
        var probe = new TestProbe(a);
        probe.Watch(remote);
        remote.Tell(new Echo("sync"), probe);
        await probe.ExpectMsgAsync<Echo>(cancellationToken: ct);
        var clock = Stopwatch.StartNew();
        await RemoteNodes.TransportOf(b).AbortAsync();
        var terminated = await probe.ExpectMsgAsync<Terminated>(TimeSpan.FromSeconds(10), ct);
        output.WriteLine($"abort -> Terminated(AddressTerminated) in {clock.ElapsedMilliseconds} ms");
        Assert.True(terminated.AddressTerminated);
        // Messages to the unreachable node go to dead letters, counted.
        var before = RemoteNodes.TransportOf(a).Counters.DeadLetters;
        for (var i = 0; i < 5; i++) remote.Tell(new Echo("lost"), null);
        await WaitUntilAsync(() => RemoteNodes.TransportOf(a).Counters.DeadLetters >= before + 5, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_peer_restarted_on_the_same_port_is_a_new_incarnation_and_messages_flow_again()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var nodes = new RemoteNodes();
        var a = nodes.Start();
        var b = nodes.Start();
        var port = RemoteNodes.AddressOf(b).Port!.Value;
        b.ActorOf(Props.Create<EchoActor>(), "echo");
        var selection = a.ActorSelection($"{RemoteNodes.AddressOf(b)}/user/echo");
        var remote = await selection.ResolveOne(TimeSpan.FromSeconds(5));
        var probe = new TestProbe(a);
        probe.Watch(remote);
        remote.Tell(new Echo("sync"), probe);
        await probe.ExpectMsgAsync<Echo>(cancellationToken: ct);
        var oldUid = RemoteNodes.TransportOf(b).Uid;
        await RemoteNodes.TransportOf(b).AbortAsync();
        await b.Terminate().WaitAsync(TimeSpan.FromSeconds(10), ct);

        var b2 = nodes.Start(port: port);
        b2.ActorOf(Props.Create<EchoActor>(), "echo");
        Assert.NotEqual(oldUid, RemoteNodes.TransportOf(b2).Uid);
        // Reconnection: retried (with backoff) until the new incarnation answers.
        Echo? reply = null;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (reply is null && DateTime.UtcNow < deadline)
        {
            try
            {
                reply = await selection.Ask<Echo>(new Echo("new"), TimeSpan.FromMilliseconds(500), ct);
            }
            catch (AskTimeoutException)
            {
            }
        }
        Assert.NotNull(reply);
        // The old incarnation's watched actor is terminated once the new uid is seen.
        var terminated = await probe.ExpectMsgAsync<Terminated>(TimeSpan.FromSeconds(5), ct);
        Assert.True(terminated.AddressTerminated);
        Assert.Equal(RemoteNodes.TransportOf(b2).Uid, RemoteNodes.TransportOf(a).PeerUid(RemoteNodes.AddressOf(b2)));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met within " + timeout);
            await Task.Delay(20);
        }
    }
}
