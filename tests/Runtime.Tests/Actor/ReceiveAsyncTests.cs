using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Tests.Actor;

public sealed class ReceiveAsyncTests : ActorStream.TestKit.TestKit
{
    private sealed record Work(string Name, TaskCompletionSource Release);

    private sealed class AsyncWorker : ReceiveActor
    {
        public AsyncWorker(IActorRef log)
        {
            ReceiveAsync<Work>(async w =>
            {
                log.Tell("start:" + w.Name, null);
                var senderBefore = Sender;
                await w.Release.Task;
                // After the await we are back inside the actor: Self and Sender are those of this message.
                log.Tell($"end:{w.Name}:{senderBefore.Equals(Sender)}:{Context.Self.Equals(Self)}", null);
                Sender.Tell("done:" + w.Name, Self);
            });
            ReceiveAsync<string>(s => s == "fail-async", async _ =>
            {
                await Task.Yield();
                throw new InvalidOperationException("async failure");
            });
            Receive<string>(s => log.Tell("sync:" + s, null));
        }

        protected override void PreRestart(Exception reason, object? message)
        {
            Context.System.EventStream.Publish(new Restarted(reason.Message));
            base.PreRestart(reason, message);
        }
    }

    private sealed record Restarted(string Reason);

    [Fact]
    public async Task A_second_message_waits_until_the_async_handler_completes()
    {
        var ct = TestContext.Current.CancellationToken;
        var log = CreateTestProbe();
        var worker = Sys.ActorOf(Props.Create(() => new AsyncWorker(log)));
        var first = new Work("first", new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var second = new Work("second", new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        worker.Tell(first, TestActor);
        worker.Tell(second, TestActor);
        worker.Tell("after", TestActor);

        await log.ExpectMsgAsync("start:first", cancellationToken: ct);
        // Neither the second work item nor the plain message may start while the first is pending.
        await log.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200), ct);

        second.Release.SetResult(); // releasing the second first must not let it overtake
        await log.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100), ct);

        first.Release.SetResult();
        await log.ExpectMsgAsync("end:first:True:True", cancellationToken: ct);
        await ExpectMsgAsync("done:first", cancellationToken: ct);
        await log.ExpectMsgAsync("start:second", cancellationToken: ct);
        await log.ExpectMsgAsync("end:second:True:True", cancellationToken: ct);
        await ExpectMsgAsync("done:second", cancellationToken: ct);
        await log.ExpectMsgAsync("sync:after", cancellationToken: ct);
    }

    [Fact]
    public async Task An_exception_in_the_async_handler_fails_the_actor()
    {
        var ct = TestContext.Current.CancellationToken;
        var log = CreateTestProbe();
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events, typeof(Restarted));
        var worker = Sys.ActorOf(Props.Create(() => new AsyncWorker(log)));
        worker.Tell("fail-async", TestActor);
        var restarted = await events.ExpectMsgAsync<Restarted>(cancellationToken: ct);
        Assert.Equal("async failure", restarted.Reason);
        // Restarted (default strategy), and processing goes on.
        worker.Tell("still-alive", TestActor);
        await log.ExpectMsgAsync("sync:still-alive", cancellationToken: ct);
    }
}
