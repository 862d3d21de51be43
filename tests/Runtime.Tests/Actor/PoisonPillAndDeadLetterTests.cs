using ActorStream.Runtime.Actor;
using ActorStream.Runtime.Event;

namespace ActorStream.Runtime.Tests.Actor;

public sealed class PoisonPillAndDeadLetterTests : ActorStream.TestKit.TestKit
{
    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m, Self));
    }

    [Fact]
    public async Task PoisonPill_is_processed_after_the_messages_sent_before_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var echo = Sys.ActorOf(Props.Create<Echo>());
        Watch(echo);
        echo.Tell(1, TestActor);
        echo.Tell(2, TestActor);
        echo.Tell(PoisonPill.Instance, TestActor);
        echo.Tell(3, TestActor);
        Assert.Equal(1, await ExpectMsgAsync<int>(cancellationToken: ct));
        Assert.Equal(2, await ExpectMsgAsync<int>(cancellationToken: ct));
        await ExpectTerminatedAsync(echo, cancellationToken: ct);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100), ct);
    }

    [Fact]
    public async Task Messages_to_a_stopped_actor_are_published_as_dead_letters_with_sender_and_recipient()
    {
        var ct = TestContext.Current.CancellationToken;
        var letters = CreateTestProbe();
        Sys.EventStream.Subscribe(letters, typeof(DeadLetter));
        var echo = Sys.ActorOf(Props.Create<Echo>(), "gone");
        Watch(echo);
        Sys.Stop(echo);
        await ExpectTerminatedAsync(echo, cancellationToken: ct);

        echo.Tell("hello?", TestActor);
        var letter = await letters.ExpectMsgAsync<DeadLetter>(cancellationToken: ct);
        Assert.Equal("hello?", letter.Message);
        Assert.Equal(TestActor, letter.Sender);
        Assert.Equal(echo, letter.Recipient);
    }

    [Fact]
    public async Task Messages_queued_behind_a_stop_become_dead_letters()
    {
        var ct = TestContext.Current.CancellationToken;
        var letters = CreateTestProbe();
        Sys.EventStream.Subscribe(letters, typeof(DeadLetter));
        var echo = Sys.ActorOf(Props.Create<Echo>());
        echo.Tell(PoisonPill.Instance, null);
        echo.Tell("late", TestActor);
        var letter = await letters.FishForMessageAsync<DeadLetter>(l => "late".Equals(l.Message), cancellationToken: ct);
        Assert.Equal(echo, letter.Recipient);
    }

    [Fact]
    public async Task DeadLetters_ref_publishes_what_it_is_sent()
    {
        var ct = TestContext.Current.CancellationToken;
        var letters = CreateTestProbe();
        Sys.EventStream.Subscribe(letters, typeof(AllDeadLetters));
        Sys.DeadLetters.Tell("nowhere", TestActor);
        var letter = await letters.ExpectMsgAsync<DeadLetter>(cancellationToken: ct);
        Assert.Equal("nowhere", letter.Message);
        Assert.Equal(Sys.DeadLetters, letter.Recipient);
    }

    private sealed class Picky : ReceiveActor
    {
        public Picky() => Receive<int>(_ => { });
    }

    [Fact]
    public async Task Unhandled_messages_are_published()
    {
        var ct = TestContext.Current.CancellationToken;
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events, typeof(UnhandledMessage));
        var picky = Sys.ActorOf(Props.Create<Picky>());
        picky.Tell("a string", TestActor);
        var unhandled = await events.ExpectMsgAsync<UnhandledMessage>(cancellationToken: ct);
        Assert.Equal("a string", unhandled.Message);
        Assert.Equal(picky, unhandled.Recipient);
        Assert.Equal(TestActor, unhandled.Sender);
    }
}
