using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Tests.Actor;

public sealed class SchedulerTests : ActorStream.TestKit.TestKit
{
    [Fact]
    public async Task ScheduleTellOnce_delivers_once_after_the_delay()
    {
        var ct = TestContext.Current.CancellationToken;
        var start = DateTime.UtcNow;
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(100), TestActor, "tick", TestActor);
        await ExpectMsgAsync("tick", cancellationToken: ct);
        Assert.True(DateTime.UtcNow - start >= TimeSpan.FromMilliseconds(90));
        Assert.Equal(TestActor, LastSender);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200), ct);
    }

    [Fact]
    public async Task A_one_shot_never_runs_before_its_delay()
    {
        // .NET's timers tick on a coarse clock and alone may fire a few ms early; 200 timers of 7..26 ms catch that.
        var ct = TestContext.Current.CancellationToken;
        var fired = new System.Collections.Concurrent.ConcurrentBag<(TimeSpan Delay, TimeSpan Elapsed)>();
        for (var i = 0; i < 200; i++)
        {
            var delay = TimeSpan.FromMilliseconds(7 + i % 20);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            Sys.Scheduler.ScheduleOnce(delay, () => fired.Add((delay, System.Diagnostics.Stopwatch.GetElapsedTime(started))));
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (fired.Count < 200 && DateTime.UtcNow < deadline) await Task.Delay(10, ct);
        Assert.Equal(200, fired.Count);
        Assert.All(fired, f => Assert.True(f.Elapsed >= f.Delay, $"ran after {f.Elapsed.TotalMilliseconds:0.000} ms of {f.Delay.TotalMilliseconds} ms"));
    }

    [Fact]
    public async Task ScheduleTellRepeatedly_repeats_until_cancelled()
    {
        var ct = TestContext.Current.CancellationToken;
        var cancelable = Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.Zero, TimeSpan.FromMilliseconds(30), TestActor, "tick", null);
        await ReceiveNAsync(3, cancellationToken: ct);
        cancelable.Cancel();
        Assert.True(cancelable.IsCancellationRequested);
        // A tick may already be in flight when we cancel; after that, silence.
        await TestActor.ReceiveOneAsync(TimeSpan.FromMilliseconds(100), ct);
        while (TestActor.QueueCount > 0) await TestActor.ReceiveOneAsync(TimeSpan.Zero, ct);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200), ct);
    }

    [Fact]
    public async Task A_cancelled_once_message_is_never_delivered()
    {
        var ct = TestContext.Current.CancellationToken;
        var cancelable = Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(150), TestActor, "never", null);
        cancelable.Cancel();
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(300), TestActor, "marker", null);
        await ExpectMsgAsync("marker", cancellationToken: ct);
    }

    [Fact]
    public async Task Shared_cancelable_cancels_several_schedules()
    {
        var ct = TestContext.Current.CancellationToken;
        var cancelable = new Cancelable();
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(150), TestActor, "a", null, cancelable);
        Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(50), TestActor, "b", null, cancelable);
        cancelable.Cancel();
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(300), TestActor, "marker", null);
        await ExpectMsgAsync("marker", cancellationToken: ct);
        cancelable.Dispose();
    }

    [Fact]
    public void Negative_delay_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(-1), TestActor, "x", null));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.Zero, TimeSpan.Zero, TestActor, "x", null));
    }
}
