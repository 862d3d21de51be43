using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Tests.Actor;

public sealed class ActorSelectionTests : ActorStream.TestKit.TestKit
{
    private sealed class Parent : ReceiveActor
    {
        public Parent()
        {
            Receive<string>(s => s.StartsWith("make:", StringComparison.Ordinal), s =>
                Sender.Tell(Context.ActorOf(Props.Create<Parent>(), s[5..]), Self));
            Receive<string>(s => s.StartsWith("select:", StringComparison.Ordinal), s =>
                Context.ActorSelection(s[7..]).Tell("ping", Sender));
            Receive<string>(s => s == "ping", _ => Sender.Tell("pong from " + Self.Path.Name, Self));
        }
    }

    private async Task<IActorRef> Make(IActorRef parent, string name)
    {
        parent.Tell("make:" + name, TestActor);
        return await ExpectMsgAsync<IActorRef>(cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Absolute_relative_and_full_paths_find_local_actors()
    {
        var ct = TestContext.Current.CancellationToken;
        var a = Sys.ActorOf(Props.Create<Parent>(), "a");
        var b = await Make(a, "b");

        Assert.Equal(b, await Sys.ActorSelection("/user/a/b").ResolveOne(TimeSpan.FromSeconds(1)));
        Assert.Equal(b, await Sys.ActorSelection("user/a/b").ResolveOne(TimeSpan.FromSeconds(1)));
        Assert.Equal(b, await Sys.ActorSelection(b.Path.ToString()).ResolveOne(TimeSpan.FromSeconds(1)));
        Assert.Equal(b, await Sys.ActorSelection(b.Path).ResolveOne(TimeSpan.FromSeconds(1)));

        Sys.ActorSelection("/user/a/b").Tell("ping", TestActor);
        await ExpectMsgAsync("pong from b", cancellationToken: ct);

        // Relative to an actor's context: child, and sibling through "..".
        await Make(a, "c");
        a.Tell("select:b", TestActor);
        await ExpectMsgAsync("pong from b", cancellationToken: ct);
        b.Tell("select:../c", TestActor);
        await ExpectMsgAsync("pong from c", cancellationToken: ct);
    }

    [Fact]
    public async Task A_missing_actor_resolves_to_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        Sys.ActorOf(Props.Create<Parent>(), "a");
        await Assert.ThrowsAsync<ActorNotFoundException>(() => Sys.ActorSelection("/user/a/missing").ResolveOne(TimeSpan.FromSeconds(1)));
        Assert.Empty(Sys.ActorSelection("/user/nothing/here").ResolveAll());
        await Assert.ThrowsAsync<ActorNotFoundException>(() => Sys.ActorSelection("actorstream://other-system/user/a").ResolveOne(TimeSpan.FromSeconds(1)));

        Sys.ActorSelection("/user/missing").Tell(new Identify(7), TestActor);
        var identity = await ExpectMsgAsync<ActorIdentity>(cancellationToken: ct);
        Assert.Equal(7, identity.MessageId);
        Assert.Null(identity.Subject);
    }

    [Fact]
    public async Task Wildcards_match_several_children()
    {
        var ct = TestContext.Current.CancellationToken;
        var a = Sys.ActorOf(Props.Create<Parent>(), "a");
        await Make(a, "worker-1");
        await Make(a, "worker-2");
        await Make(a, "other");
        Sys.ActorSelection("/user/a/worker-*").Tell("ping", TestActor);
        var replies = await ReceiveNAsync(2, cancellationToken: ct);
        Assert.Equal(["pong from worker-1", "pong from worker-2"], replies.Cast<string>().Order());
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100), ct);
        Assert.Equal(2, Sys.ActorSelection("/user/a/worker-?").ResolveAll().Count);
    }

    [Fact]
    public async Task Identify_answers_with_the_ref()
    {
        var ct = TestContext.Current.CancellationToken;
        var a = Sys.ActorOf(Props.Create<Parent>(), "a");
        var identity = await Sys.ActorSelection("/user/a").Ask<ActorIdentity>(new Identify("id"), TimeSpan.FromSeconds(3), ct);
        Assert.Equal(a, identity.Subject);
    }
}
