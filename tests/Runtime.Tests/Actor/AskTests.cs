using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Tests.Actor;

public sealed class AskTests : ActorStream.TestKit.TestKit
{
    private sealed class Answering : ReceiveActor
    {
        public Answering()
        {
            Receive<int>(n => Sender.Tell(n * 2, Self));
            Receive<string>(s => s == "fail", _ => Sender.Tell(new Status.Failure(new InvalidOperationException("refused")), Self));
            Receive<string>(s => s == "silent", _ => { });
            Receive<string>(s => Sender.Tell(s.ToUpperInvariant(), Self));
        }
    }

    [Fact]
    public async Task Ask_completes_with_the_reply()
    {
        var actor = Sys.ActorOf(Props.Create<Answering>());
        Assert.Equal(42, await actor.Ask<int>(21, TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken));
        Assert.Equal("HI", await actor.Ask<string>("hi", cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Ask_times_out_with_AskTimeoutException()
    {
        var actor = Sys.ActorOf(Props.Create<Answering>());
        await Assert.ThrowsAsync<AskTimeoutException>(() => actor.Ask<string>("silent", TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_Status_Failure_reply_faults_the_task()
    {
        var actor = Sys.ActorOf(Props.Create<Answering>());
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => actor.Ask<string>("fail", TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken));
        Assert.Equal("refused", e.Message);
    }

    [Fact]
    public async Task A_reply_of_the_wrong_type_is_an_InvalidCastException()
    {
        var actor = Sys.ActorOf(Props.Create<Answering>());
        await Assert.ThrowsAsync<InvalidCastException>(() => actor.Ask<string>(1, TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Ask_a_dead_actor_times_out()
    {
        var actor = Sys.ActorOf(Props.Create<Answering>());
        Watch(actor);
        Sys.Stop(actor);
        await ExpectTerminatedAsync(actor, cancellationToken: TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<AskTimeoutException>(() => actor.Ask<int>(1, TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Ask_is_cancelled_by_the_token()
    {
        var actor = Sys.ActorOf(Props.Create<Answering>());
        using var cts = new CancellationTokenSource();
        var ask = actor.Ask<string>("silent", TimeSpan.FromSeconds(30), cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ask);
    }

    [Fact]
    public async Task PipeTo_sends_the_result_or_a_Status_Failure()
    {
        var ct = TestContext.Current.CancellationToken;
        _ = Task.FromResult(5).PipeTo(TestActor);
        Assert.Equal(5, await ExpectMsgAsync<int>(cancellationToken: ct));

        _ = Task.FromResult(5).PipeTo(TestActor, success: n => $"got {n}");
        await ExpectMsgAsync("got 5", cancellationToken: ct);

        _ = Task.FromException<int>(new InvalidOperationException("bad")).PipeTo(TestActor);
        var failure = await ExpectMsgAsync<Status.Failure>(cancellationToken: ct);
        Assert.Equal("bad", failure.Cause.Message);

        _ = Task.FromException<int>(new InvalidOperationException("bad")).PipeTo(TestActor, failure: e => "failed: " + e.Message);
        await ExpectMsgAsync("failed: bad", cancellationToken: ct);
    }
}
