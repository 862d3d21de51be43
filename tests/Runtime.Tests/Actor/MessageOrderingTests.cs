using ActorStream.Runtime.Actor;
using ActorStream.TestKit;

namespace ActorStream.Runtime.Tests.Actor;

public sealed class MessageOrderingTests : ActorStream.TestKit.TestKit
{
    private sealed record Numbered(int Sender, int N);

    private sealed record Dump;

    private sealed class Recorder : ReceiveActor
    {
        public Recorder()
        {
            var seen = new List<Numbered>();
            Receive<Numbered>(seen.Add);
            Receive<Dump>(_ => Sender.Tell(seen.ToArray(), Self));
        }
    }

    [Fact]
    public async Task Messages_from_each_sender_arrive_in_send_order()
    {
        var recorder = Sys.ActorOf(Props.Create<Recorder>(), "recorder");
        const int senders = 4;
        const int perSender = 2000;
        // Real concurrency: each sender on its own thread-pool task.
        await Task.WhenAll(Enumerable.Range(0, senders).Select(s => Task.Run(() =>
        {
            for (var i = 0; i < perSender; i++) recorder.Tell(new Numbered(s, i), null);
        }, TestContext.Current.CancellationToken)));

        recorder.Tell(new Dump(), TestActor);
        var seen = await ExpectMsgAsync<Numbered[]>(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(senders * perSender, seen.Length);
        for (var s = 0; s < senders; s++)
        {
            var fromSender = seen.Where(m => m.Sender == s).Select(m => m.N).ToArray();
            Assert.Equal(Enumerable.Range(0, perSender), fromSender);
        }
    }

    [Fact]
    public async Task Messages_between_two_actors_keep_order()
    {
        var probe = CreateTestProbe();
        var forwarder = Sys.ActorOf(Props.FromFactory(() => new ForwardTo(probe)));
        for (var i = 0; i < 100; i++) forwarder.Tell(i, null);
        var received = await probe.ReceiveNAsync(100, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(Enumerable.Range(0, 100).Cast<object>(), received);
    }

    private sealed class ForwardTo(IActorRef target) : ReceiveActor
    {
        protected override void PreStart() => Become(() => ReceiveAny(m => target.Tell(m, Self)));
    }
}
