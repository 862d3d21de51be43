using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Tests.Actor;

public sealed class StashTests : ActorStream.TestKit.TestKit
{
    private sealed class Gate : ReceiveActor, IWithStash
    {
        public IStash Stash { get; set; } = null!;

        public Gate()
        {
            Receive<string>(s => s == "open", _ =>
            {
                Become(Open);
                Stash.UnstashAll();
            });
            Receive<string>(s => s == "one", _ => Stash.Unstash());
            Receive<string>(s => s == "boom", _ => throw new InvalidOperationException("boom"));
            ReceiveAny(_ => Stash.Stash());
        }

        private void Open()
        {
            Receive<string>(s => s == "close", _ => Become(() => ReceiveAny(_ => Stash.Stash())));
            ReceiveAny(m => Sender.Tell(m, Self));
        }
    }

    [Fact]
    public async Task Stashed_messages_come_back_in_order_ahead_of_newer_ones_after_become()
    {
        var ct = TestContext.Current.CancellationToken;
        var gate = Sys.ActorOf(Props.Create<Gate>());
        gate.Tell(1, TestActor);
        gate.Tell(2, TestActor);
        gate.Tell(3, TestActor);
        gate.Tell("open", TestActor);
        gate.Tell(4, TestActor);
        var received = await ReceiveNAsync(4, cancellationToken: ct);
        Assert.Equal([1, 2, 3, 4], received.Cast<int>());
    }

    [Fact]
    public async Task Stash_keeps_the_original_sender()
    {
        var ct = TestContext.Current.CancellationToken;
        var other = CreateTestProbe();
        var gate = Sys.ActorOf(Props.Create<Gate>());
        gate.Tell("for-other", other);
        gate.Tell("open", TestActor);
        await other.ExpectMsgAsync("for-other", cancellationToken: ct);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100), ct);
    }

    [Fact]
    public async Task Unstash_puts_back_only_the_oldest_message()
    {
        var ct = TestContext.Current.CancellationToken;
        var gate = Sys.ActorOf(Props.Create<Gate>());
        gate.Tell(1, TestActor);
        gate.Tell(2, TestActor);
        // "one" unstashes 1, which is stashed again (still closed): nothing is answered.
        gate.Tell("one", TestActor);
        gate.Tell("open", TestActor);
        var received = await ReceiveNAsync(2, cancellationToken: ct);
        Assert.Equal([2, 1], received.Cast<int>());
    }

    [Fact]
    public async Task Stash_is_put_back_in_the_mailbox_on_restart()
    {
        var ct = TestContext.Current.CancellationToken;
        var gate = Sys.ActorOf(Props.Create<Gate>());
        gate.Tell(1, TestActor);
        gate.Tell(2, TestActor);
        gate.Tell("boom", TestActor);
        // The new instance is closed too and stashes 1 and 2 again; opening it releases them.
        gate.Tell("open", TestActor);
        var received = await ReceiveNAsync(2, cancellationToken: ct);
        Assert.Equal([1, 2], received.Cast<int>());
    }
}
