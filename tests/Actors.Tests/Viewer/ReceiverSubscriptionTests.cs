using ActorStream.Actors.Tests.Support;
using ActorStream.Actors.Viewer;
using ActorStream.Messages.Viewer;
using ActorStream.Tests.Support;
using Akka.Actor;
using Akka.TestKit.Xunit;

namespace ActorStream.Actors.Tests.Viewer;

/// <summary>The receiver's side of the subscription protocol, with a probe standing in for the seed's station.</summary>
public sealed class ReceiverSubscriptionTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Subscribes_with_its_port_and_node_and_repeats_when_unanswered()
    {
        var station = CreateTestProbe("station");
        var receiver = Sys.ActorOf(Receiver.Props(Settings(subscribeTimeout: TimeSpan.FromMilliseconds(300)), station.Ref), "main");
        var first = await station.ExpectMsgAsync<SubscribeViewer>(Wait, cancellationToken: Token);
        Assert.Equal("127.0.0.1", first.Host);
        Assert.Equal("akka.tcp://actorstream@127.0.0.1:4200", first.NodeAddress);
        Assert.StartsWith("127.0.0.1-4200-", first.ViewerId, StringComparison.Ordinal);
        Assert.Equal(receiver, first.Receiver);
        Assert.Equal(receiver, station.LastSender);

        // No answer: asked again, same id and port (idempotent at the station).
        var again = await station.ExpectMsgAsync<SubscribeViewer>(Wait, cancellationToken: Token);
        Assert.Equal(first, again);
        var status = await receiver.Ask<ReceiverStatus>(GetReceiverStatus.Instance, Wait, Token);
        Assert.False(status.Subscribed);
        Assert.Equal(first.Port, status.Port);
        Assert.Equal(first.ViewerId, status.ViewerId);
        Assert.Equal("main", status.Station);
        Assert.Equal("null", status.Output);
    }

    [Fact]
    public async Task Dropped_by_the_station_unasked_it_subscribes_again_at_once()
    {
        // Keep-alive and reply timeout far away: only being told it was dropped can make it ask again in time.
        var station = CreateTestProbe("station");
        var receiver = Sys.ActorOf(Receiver.Props(
            Settings(subscribeTimeout: TimeSpan.FromSeconds(30)) with { KeepAliveInterval = TimeSpan.FromMinutes(5) }, station.Ref), "main");
        var subscribe = await station.ExpectMsgAsync<SubscribeViewer>(Wait, cancellationToken: Token);
        station.Reply(new ViewerSubscribed(subscribe.ViewerId, "viewer-x", AlreadyPresent: false));

        // Another viewer's notice is not ours.
        receiver.Tell(new ViewerUnsubscribed("someone-else", "viewer-y", WasSubscribed: true), station.Ref);
        await station.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300), Token);

        receiver.Tell(new ViewerUnsubscribed(subscribe.ViewerId, "viewer-x", WasSubscribed: true), station.Ref);
        Assert.Equal(subscribe, await station.ExpectMsgAsync<SubscribeViewer>(TimeSpan.FromSeconds(3), cancellationToken: Token));
    }

    [Fact]
    public async Task An_answer_marks_it_subscribed_and_resubscribe_asks_again()
    {
        var station = CreateTestProbe("station");
        var receiver = Sys.ActorOf(Receiver.Props(Settings(subscribeTimeout: TimeSpan.FromSeconds(30)), station.Ref), "main");
        var subscribe = await station.ExpectMsgAsync<SubscribeViewer>(Wait, cancellationToken: Token);
        station.Reply(new ViewerSubscribed(subscribe.ViewerId, "viewer-x", AlreadyPresent: false));
        await Eventually.Until(async () => (await receiver.Ask<ReceiverStatus>(GetReceiverStatus.Instance, Wait, Token)).Subscribed,
            Wait, "the receiver counts itself subscribed", Token);

        // An answer for another viewer is not ours.
        receiver.Tell(new ViewerRejected("someone-else", "no"), station.Ref);
        Assert.True((await receiver.Ask<ReceiverStatus>(GetReceiverStatus.Instance, Wait, Token)).Subscribed);

        receiver.Tell(Resubscribe.Instance, ActorRefs.NoSender);
        Assert.Equal(subscribe, await station.ExpectMsgAsync<SubscribeViewer>(Wait, cancellationToken: Token));
        receiver.Tell(new ViewerRejected(subscribe.ViewerId, "bad host"), station.Ref);
        await Eventually.Until(async () => !(await receiver.Ask<ReceiverStatus>(GetReceiverStatus.Instance, Wait, Token)).Subscribed,
            Wait, "a rejection ends the subscription", Token);
    }

    [Fact]
    public async Task The_keep_alive_repeats_the_subscription_and_stopping_unsubscribes()
    {
        var station = CreateTestProbe("station");
        var settings = Settings(subscribeTimeout: TimeSpan.FromSeconds(30)) with { KeepAliveInterval = TimeSpan.FromMilliseconds(300) };
        var receiver = Sys.ActorOf(Receiver.Props(settings, station.Ref), "main");
        var subscribe = await station.ExpectMsgAsync<SubscribeViewer>(Wait, cancellationToken: Token);
        station.Reply(new ViewerSubscribed(subscribe.ViewerId, "viewer-x", AlreadyPresent: false));
        Assert.Equal(subscribe, await station.ExpectMsgAsync<SubscribeViewer>(Wait, cancellationToken: Token));
        Assert.Equal(subscribe, await station.ExpectMsgAsync<SubscribeViewer>(Wait, cancellationToken: Token));

        Sys.Stop(receiver);
        await station.FishForMessageAsync(m => m is UnsubscribeViewer u && u.ViewerId == subscribe.ViewerId, Wait, cancellationToken: Token);
    }

    private static ReceiverSettings Settings(TimeSpan subscribeTimeout) => LoopbackReceiver.Settings(nodePort: 4200) with
    {
        SubscribeTimeout = subscribeTimeout,
        KeepAliveInterval = TimeSpan.FromSeconds(60),
    };
}
