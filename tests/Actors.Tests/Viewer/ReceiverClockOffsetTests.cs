using ActorStream.Actors.Tests.Support;
using ActorStream.Actors.Viewer;
using ActorStream.Messages.Cluster;
using ActorStream.Messages.Metrics;
using Akka.Actor;
using Akka.TestKit.Xunit;

namespace ActorStream.Actors.Tests.Viewer;

/// <summary>
/// A receiver takes the seed's clock offset from <see cref="ClockOffsetEstimated"/> (its node's clock-sync actor) and
/// reports it with its figures; probes stand in for the seed's station and metrics actor.
/// </summary>
public sealed class ReceiverClockOffsetTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reports_carry_no_offset_until_one_is_estimated_then_the_latest_one()
    {
        var station = CreateTestProbe("station");
        var metrics = CreateTestProbe("metrics");
        var receiver = Sys.ActorOf(Receiver.Props(Settings(), station.Ref, metrics.Ref), "main");

        var before = await metrics.ExpectMsgAsync<ReceiverReport>(Wait, cancellationToken: Token);
        Assert.Equal(receiver, metrics.LastSender);
        Assert.Null(before.ClockOffsetMs);
        Assert.Null(before.ClockRoundTripMs);

        receiver.Tell(new ClockOffsetEstimated(TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(2), 3), ActorRefs.NoSender);
        var after = await metrics.FishForMessageAsync<ReceiverReport>(r => r.ClockOffsetMs is not null, Wait, cancellationToken: Token);
        Assert.Equal(250, after.ClockOffsetMs);
        Assert.Equal(2, after.ClockRoundTripMs);

        // A newer estimate replaces it (the seed's clock may be behind: negative).
        receiver.Tell(new ClockOffsetEstimated(TimeSpan.FromMilliseconds(-40.5), TimeSpan.FromMilliseconds(1), 4), ActorRefs.NoSender);
        var newer = await metrics.FishForMessageAsync<ReceiverReport>(r => r.ClockOffsetMs != 250, Wait, cancellationToken: Token);
        Assert.Equal(-40.5, newer.ClockOffsetMs);
        Assert.Equal(1, newer.ClockRoundTripMs);
    }

    private static ReceiverSettings Settings() => LoopbackReceiver.Settings(nodePort: 4400) with
    {
        StatusInterval = TimeSpan.FromMilliseconds(100),
        KeepAliveInterval = TimeSpan.FromMinutes(10),
        SubscribeTimeout = TimeSpan.FromMinutes(10),
    };
}
