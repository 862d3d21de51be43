using System.Diagnostics;
using ActorStream.Runtime.Actor;
using ActorStream.TestKit;

namespace ActorStream.Runtime.Tests.Remote;

public sealed class RemoteMessagingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Remote_system_binds_a_free_port_and_reports_it_as_its_address()
    {
        await using var nodes = new RemoteNodes();
        var a = nodes.Start();
        var address = RemoteNodes.AddressOf(a);
        Assert.Equal("127.0.0.1", address.Host);
        Assert.NotNull(address.Port);
        Assert.NotEqual(0, address.Port);
        Assert.Equal($"actorstream://actorstream@127.0.0.1:{address.Port}", address.ToString());
    }

    [Fact]
    public async Task Tell_through_a_remote_selection_and_the_reply_to_Sender_comes_back()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var nodes = new RemoteNodes();
        var a = nodes.Start();
        var b = nodes.Start();
        b.ActorOf(Props.Create<EchoActor>(), "echo");
        var probe = new TestProbe(a);
        a.ActorSelection($"{RemoteNodes.AddressOf(b)}/user/echo").Tell(new Echo("hello"), probe);
        var reply = await probe.ExpectMsgAsync<Echo>(cancellationToken: ct);
        Assert.Equal("hello", reply.Text);
        // The sender of the reply is a usable ref to the remote echo actor.
        Assert.Equal(RemoteNodes.AddressOf(b), probe.LastSender.Path.Address);
        probe.LastSender.Tell(new Echo("again"), probe);
        Assert.Equal("again", (await probe.ExpectMsgAsync<Echo>(cancellationToken: ct)).Text);
    }

    [Fact]
    public async Task Ask_of_a_remote_selection_gets_the_reply_and_a_missing_actor_times_out()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var nodes = new RemoteNodes();
        var a = nodes.Start();
        var b = nodes.Start();
        b.ActorOf(Props.Create<EchoActor>(), "echo");
        var reply = await a.ActorSelection($"{RemoteNodes.AddressOf(b)}/user/echo").Ask<Echo>(new Echo("ask"), TimeSpan.FromSeconds(5), ct);
        Assert.Equal("ask", reply.Text);
        await Assert.ThrowsAsync<AskTimeoutException>(() =>
            a.ActorSelection($"{RemoteNodes.AddressOf(b)}/user/nobody").Ask<Echo>(new Echo("lost"), TimeSpan.FromMilliseconds(500), ct));
    }

    [Fact]
    public async Task ResolveOne_of_a_remote_path_gives_a_ref_that_works()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var nodes = new RemoteNodes();
        var a = nodes.Start();
        var b = nodes.Start();
        var echo = b.ActorOf(Props.Create<EchoActor>(), "echo");
        var resolved = await a.ActorSelection($"{RemoteNodes.AddressOf(b)}/user/echo").ResolveOne(TimeSpan.FromSeconds(5));
        Assert.Equal(echo.Path.ToSerializationFormat(), resolved.Path.ToSerializationFormat());
        var probe = new TestProbe(a);
        resolved.Tell(new Echo("direct"), probe);
        Assert.Equal("direct", (await probe.ExpectMsgAsync<Echo>(cancellationToken: ct)).Text);
        await Assert.ThrowsAsync<ActorNotFoundException>(() =>
            a.ActorSelection($"{RemoteNodes.AddressOf(b)}/user/missing").ResolveOne(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task An_IActorRef_inside_a_message_arrives_as_a_usable_ref()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var nodes = new RemoteNodes();
        var a = nodes.Start();
        var b = nodes.Start();
        b.ActorOf(Props.Create<EchoActor>(), "echo");
        var target = new TestProbe(a);
        // No sender: only the ref inside the message lets b reach a's probe.
        a.ActorSelection($"{RemoteNodes.AddressOf(b)}/user/echo").Tell(new Carry(target, "inside"), null);
        Assert.Equal("inside", (await target.ExpectMsgAsync<Echo>(cancellationToken: ct)).Text);
    }

    [Fact]
    public async Task Wildcard_selection_is_resolved_on_the_remote_node()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var nodes = new RemoteNodes();
        var a = nodes.Start();
        var b = nodes.Start();
        b.ActorOf(Props.Create<EchoActor>(), "echo-1");
        b.ActorOf(Props.Create<EchoActor>(), "echo-2");
        var probe = new TestProbe(a);
        a.ActorSelection($"{RemoteNodes.AddressOf(b)}/user/echo-*").Tell(new Echo("all"), probe);
        await probe.ExpectMsgAsync<Echo>(cancellationToken: ct);
        await probe.ExpectMsgAsync<Echo>(cancellationToken: ct);
    }

    [Fact]
    public async Task An_unregistered_message_type_is_not_sent_and_counts_as_a_dead_letter()
    {
        await using var nodes = new RemoteNodes();
        var a = nodes.Start();
        var b = nodes.Start();
        var before = RemoteNodes.TransportOf(a).Counters.DeadLetters;
        a.ActorSelection($"{RemoteNodes.AddressOf(b)}/user/x").Tell(new Version(1, 2), null);
        Assert.Equal(before + 1, RemoteNodes.TransportOf(a).Counters.DeadLetters);
    }

    [Fact]
    public async Task Messages_per_second_between_two_systems()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var nodes = new RemoteNodes();
        var a = nodes.Start();
        var b = nodes.Start();
        var counter = new TestProbe(b);
        var remote = a.ActorSelection(counter.Path.ToString().Replace(counter.Path.Address.ToString(), RemoteNodes.AddressOf(b).ToString(), StringComparison.Ordinal));
        var resolved = await remote.ResolveOne(TimeSpan.FromSeconds(5));
        // Batches below send-queue-size: the bounded queue drops (as it should) a burst larger than itself.
        const int batch = 5000, batches = 4, count = batch * batches;
        var watch = Stopwatch.StartNew();
        for (var b2 = 0; b2 < batches; b2++)
        {
            for (var i = 0; i < batch; i++) resolved.Tell(new Echo("m"), null);
            await counter.ReceiveNAsync(batch, TimeSpan.FromSeconds(30), ct);
        }
        watch.Stop();
        var rate = count / watch.Elapsed.TotalSeconds;
        output.WriteLine($"{count} remote messages in {watch.ElapsedMilliseconds} ms: {rate:F0} msg/s; {RemoteNodes.TransportOf(a).Counters}");
        Assert.True(rate > 1000, $"only {rate:F0} msg/s");
    }
}
