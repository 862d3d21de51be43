using System.Diagnostics;
using ActorStream.Runtime.Actor;
using ActorStream.Runtime.Pattern;

namespace ActorStream.Runtime.Tests.Pattern;

public sealed class BackoffSupervisorTests : ActorStream.TestKit.TestKit
{
    /// <summary>Reports each start; fails or stops on request; echoes anything else.</summary>
    private sealed class Flaky : ReceiveActor
    {
        public Flaky(IActorRef report)
        {
            report.Tell("started", Self);
            Receive<string>(s => s == "crash", _ => throw new InvalidOperationException("crash"));
            Receive<string>(s => s == "stop", _ => Context.Stop(Self));
            ReceiveAny(m => Sender.Tell(m, Self));
        }
    }

    [Fact]
    public async Task OnFailure_restarts_the_child_after_growing_delays_and_counts()
    {
        var ct = TestContext.Current.CancellationToken;
        var starts = CreateTestProbe();
        var options = BackoffOptions.CreateOnFailure(Props.Create(() => new Flaky(starts)), "ffmpeg",
            TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2), 0.0).WithAutoReset(TimeSpan.FromSeconds(30));
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(options), "backoff");
        await starts.ExpectMsgAsync("started", cancellationToken: ct);

        var delays = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            var crashed = Stopwatch.StartNew();
            supervisor.Tell("crash", null);
            await starts.ExpectMsgAsync("started", cancellationToken: ct);
            delays.Add(crashed.Elapsed);
        }

        // 100 ms, 200 ms, 400 ms (random factor 0): each at least its backoff, and growing.
        Assert.True(delays[0] >= TimeSpan.FromMilliseconds(95), $"first delay {delays[0]}");
        Assert.True(delays[1] >= TimeSpan.FromMilliseconds(195), $"second delay {delays[1]}");
        Assert.True(delays[2] >= TimeSpan.FromMilliseconds(395), $"third delay {delays[2]}");
        Assert.True(delays[2] > delays[0]);

        supervisor.Tell(BackoffSupervisor.GetRestartCount.Instance, TestActor);
        var count = await ExpectMsgAsync<BackoffSupervisor.RestartCount>(cancellationToken: ct);
        Assert.Equal(3, count.Count);
        Assert.Equal(3, count.TotalRestarts);

        // Messages are forwarded to the current child with the original sender.
        supervisor.Tell("hello", TestActor);
        await ExpectMsgAsync("hello", cancellationToken: ct);
        Assert.Equal("ffmpeg", LastSender.Path.Name);
    }

    [Fact]
    public async Task The_count_resets_after_the_child_has_been_stable()
    {
        var ct = TestContext.Current.CancellationToken;
        var starts = CreateTestProbe();
        var options = BackoffOptions.CreateOnFailure(Props.Create(() => new Flaky(starts)), "child",
            TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1), 0.0).WithAutoReset(TimeSpan.FromMilliseconds(200));
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(options));
        await starts.ExpectMsgAsync("started", cancellationToken: ct);
        supervisor.Tell("crash", null);
        await starts.ExpectMsgAsync("started", cancellationToken: ct);

        // The reset is scheduled 200 ms after the restart; poll the count (bounded) until it happens.
        var deadline = DateTime.UtcNow + Dilated(TimeSpan.FromSeconds(3));
        while ((await supervisor.Ask<BackoffSupervisor.RestartCount>(BackoffSupervisor.GetRestartCount.Instance, TimeSpan.FromSeconds(1), ct)).Count != 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "restart count was not reset");
            await Task.Delay(20, ct);
        }

        supervisor.Tell(BackoffSupervisor.GetRestartCount.Instance, TestActor);
        var final = await ExpectMsgAsync<BackoffSupervisor.RestartCount>(cancellationToken: ct);
        Assert.Equal(0, final.Count);
        Assert.Equal(1, final.TotalRestarts);
    }

    [Fact]
    public async Task OnFailure_stops_when_the_child_stops_by_itself()
    {
        var ct = TestContext.Current.CancellationToken;
        var starts = CreateTestProbe();
        var options = BackoffOptions.CreateOnFailure(Props.Create(() => new Flaky(starts)), "child",
            TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1), 0.2);
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(options));
        Watch(supervisor);
        await starts.ExpectMsgAsync("started", cancellationToken: ct);
        supervisor.Tell("stop", null);
        await ExpectTerminatedAsync(supervisor, cancellationToken: ct);
    }

    [Fact]
    public async Task OnStop_restarts_a_child_that_stopped_and_respects_max_retries()
    {
        var ct = TestContext.Current.CancellationToken;
        var starts = CreateTestProbe();
        var options = BackoffOptions.CreateOnStop(Props.Create(() => new Flaky(starts)), "child",
            TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1), 0.0).WithMaxNrOfRetries(1);
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(options));
        Watch(supervisor);
        await starts.ExpectMsgAsync("started", cancellationToken: ct);
        supervisor.Tell("stop", null);
        await starts.ExpectMsgAsync("started", cancellationToken: ct);
        supervisor.Tell("stop", null);
        await ExpectTerminatedAsync(supervisor, cancellationToken: ct);
    }

    [Fact]
    public void Delay_grows_exponentially_and_is_capped()
    {
        var options = BackoffOptions.CreateOnFailure(Props.Create(() => new Flaky(ActorRefs.Nobody)), "c",
            TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), 0.5);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.CalculateDelay(0, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(400), options.CalculateDelay(2, 0));
        Assert.Equal(TimeSpan.FromSeconds(1), options.CalculateDelay(10, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(150), options.CalculateDelay(0, 1));
    }
}
