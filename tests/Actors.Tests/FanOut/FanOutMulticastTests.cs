using System.Net;
using ActorStream.Actors.FanOut;
using ActorStream.Media.Multicast;
using ActorStream.Messages.FanOut;
using ActorStream.Messages.Metrics;
using ActorStream.Messages.Pipeline;
using ActorStream.Messages.Stations;
using ActorStream.Messages.Viewer;
using ActorStream.Tests.Support;
using Akka.Actor;
using Akka.TestKit.Xunit;

namespace ActorStream.Actors.Tests.FanOut;

/// <summary>
/// A station's fan-out with a multicast group: the group is a destination that a joined socket on loopback receives,
/// and viewers asking for multicast become counted, watched listeners of it instead of destinations of their own.
/// The test actor is the fan-out's parent, so it gets the fan-out's reports (as a station would).
/// </summary>
public sealed class FanOutMulticastTests : TestKit
{
    private const string NodeA = "akka.tcp://actorstream@127.0.0.1:4101";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly MulticastGroup _group = new(
        IPAddress.Parse($"239.255.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}"), FreePorts.Udp());

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private IActorRef StartFanOut(MulticastGroup? group) => ChildActorOf(Props.Create(() => new FanOutSender(
        new FanOutSettings { StatusInterval = TimeSpan.FromMilliseconds(200) }, "news", group,
        new MulticastSettings { Ttl = 1, Interface = IPAddress.Loopback })), "fanout");

    [Fact]
    public async Task The_group_is_a_destination_that_a_joined_socket_receives_and_cannot_be_removed_by_command()
    {
        using var listener = DatagramCounter.JoinGroup(_group.Address, _group.Port);
        var fanout = StartFanOut(_group);

        await SendChunksUntilAsync(fanout, () => listener.Datagrams >= 3, "the group's datagrams arrive at a joined socket");

        var list = await fanout.Ask<DestinationList>(ListDestinations.Instance, Wait, Token);
        var destination = Assert.Single(list.Destinations);
        Assert.Equal((_group.DestinationName, "multicast"), (destination.Name, destination.Kind));
        fanout.Tell(new RemoveDestination($"udp://{_group}"), TestActor);
        var refused = await FishForMessageAsync<DestinationNotFound>(_ => true, Wait, cancellationToken: Token);
        Assert.Contains("remove the station", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_multicast_viewer_becomes_a_counted_listener_with_the_clock_and_no_destination()
    {
        var fanout = StartFanOut(_group);
        var receiver = CreateTestProbe("receiver");
        var subscribe = new SubscribeViewer("a-1", "127.0.0.1", 0, receiver.Ref, NodeA, 7, Multicast: true);
        var clock = new StreamClockReport("news", 90_000, DateTime.UtcNow, 1);
        fanout.Tell(clock, ActorRefs.NoSender);

        fanout.Tell(subscribe, receiver.Ref);
        var first = await receiver.ExpectMsgAsync<ViewerSubscribed>(Wait, cancellationToken: Token);
        await receiver.ExpectMsgAsync<StreamClockReport>(Wait, cancellationToken: Token);
        fanout.Tell(subscribe, receiver.Ref);
        var again = await receiver.ExpectMsgAsync<ViewerSubscribed>(Wait, cancellationToken: Token);

        Assert.Equal(new ViewerSubscribed("a-1", _group.DestinationName, false, _group.ToString()), first);
        Assert.True(again.AlreadyPresent);
        Assert.Equal(_group.ToString(), again.Group);
        await ExpectViewersAsync(new FanOutViewers(1, 0));
        Assert.Single((await fanout.Ask<DestinationList>(ListDestinations.Instance, Wait, Token)).Destinations);
        // Later clock reports reach listeners too: their latency needs them.
        fanout.Tell(clock with { Pts = 180_000 }, ActorRefs.NoSender);
        Assert.Equal(180_000, (await receiver.ExpectMsgAsync<StreamClockReport>(Wait, cancellationToken: Token)).Pts);

        fanout.Tell(new UnsubscribeViewer("a-1"), receiver.Ref);
        var unsubscribed = await receiver.FishForMessageAsync<ViewerUnsubscribed>(_ => true, Wait, cancellationToken: Token);
        Assert.True(unsubscribed.WasSubscribed);
        await ExpectViewersAsync(new FanOutViewers(0, 0));
    }

    [Fact]
    public async Task Listeners_go_with_their_node_or_their_receiver_and_switching_to_unicast_moves_the_viewer()
    {
        using var socket = new DatagramCounter();
        var fanout = StartFanOut(_group);
        var gone = CreateTestProbe("of-a-gone-node");
        var dying = CreateTestProbe("dying");
        var switching = CreateTestProbe("switching");
        fanout.Tell(new SubscribeViewer("a-1", "127.0.0.1", 0, gone.Ref, NodeA, 7, Multicast: true), gone.Ref);
        fanout.Tell(new SubscribeViewer("b-1", "127.0.0.1", 0, dying.Ref, "akka.tcp://actorstream@127.0.0.1:4102", 8, Multicast: true), dying.Ref);
        fanout.Tell(new SubscribeViewer("c-1", "127.0.0.1", 0, switching.Ref, "akka.tcp://actorstream@127.0.0.1:4103", 9, Multicast: true), switching.Ref);
        await gone.ExpectMsgAsync<ViewerSubscribed>(Wait, cancellationToken: Token);
        await dying.ExpectMsgAsync<ViewerSubscribed>(Wait, cancellationToken: Token);
        await switching.ExpectMsgAsync<ViewerSubscribed>(Wait, cancellationToken: Token);
        await ExpectViewersAsync(new FanOutViewers(3, 0));

        fanout.Tell(new ViewerNodeGone(NodeA, 7), TestActor);
        var removed = await FishForMessageAsync<ViewersRemoved>(_ => true, Wait, cancellationToken: Token);
        Assert.Equal(["a-1"], removed.ViewerIds);
        Assert.True((await gone.FishForMessageAsync<ViewerUnsubscribed>(_ => true, Wait, cancellationToken: Token)).WasSubscribed);
        Sys.Stop(dying.Ref);
        // --unicast: the same viewer asks for a copy of its own; it stops being a listener.
        fanout.Tell(new SubscribeViewer("c-1", "127.0.0.1", socket.Port, switching.Ref, "akka.tcp://actorstream@127.0.0.1:4103", 9), switching.Ref);
        var unicast = await switching.FishForMessageAsync<ViewerSubscribed>(_ => true, Wait, cancellationToken: Token);

        Assert.Null(unicast.Group);
        Assert.StartsWith("viewer-", unicast.DestinationName, StringComparison.Ordinal);
        await ExpectViewersAsync(new FanOutViewers(0, 1));
        await SendChunksUntilAsync(fanout, () => socket.Datagrams >= 1, "the unicast copy arrives");
    }

    [Fact]
    public async Task Without_a_group_multicast_viewers_get_unicast_or_are_told_to_bring_a_port()
    {
        using var socket = new DatagramCounter();
        var fanout = StartFanOut(null);
        var receiver = CreateTestProbe("receiver");

        fanout.Tell(new SubscribeViewer("a-1", "127.0.0.1", 0, receiver.Ref, NodeA, Multicast: true), receiver.Ref);
        var noPort = await receiver.ExpectMsgAsync<ViewerSubscribed>(Wait, cancellationToken: Token);
        fanout.Tell(new SubscribeViewer("a-1", "127.0.0.1", socket.Port, receiver.Ref, NodeA, Multicast: true), receiver.Ref);
        var withPort = await receiver.FishForMessageAsync<ViewerSubscribed>(_ => true, Wait, cancellationToken: Token);

        Assert.Equal(new ViewerSubscribed("a-1", "", false, null), noPort);
        Assert.Equal("viewer-a-1", withPort.DestinationName);
        Assert.Null(withPort.Group);
        await SendChunksUntilAsync(fanout, () => socket.Datagrams >= 1, "the unicast copy arrives");
        await ExpectViewersAsync(new FanOutViewers(0, 1));
    }

    [Fact]
    public async Task Closing_tells_every_viewer_listener_or_unicast_why()
    {
        using var socket = new DatagramCounter();
        var fanout = StartFanOut(_group);
        var listener = CreateTestProbe("listener");
        var unicast = CreateTestProbe("unicast");
        fanout.Tell(new SubscribeViewer("a-1", "127.0.0.1", 0, listener.Ref, NodeA, Multicast: true), listener.Ref);
        fanout.Tell(new SubscribeViewer("b-1", "127.0.0.1", socket.Port, unicast.Ref, NodeA), unicast.Ref);
        await listener.ExpectMsgAsync<ViewerSubscribed>(Wait, cancellationToken: Token);
        await unicast.ExpectMsgAsync<ViewerSubscribed>(Wait, cancellationToken: Token);

        fanout.Tell(new CloseStation("the station was removed"), TestActor);

        Assert.Equal(new StationClosed("news", "the station was removed"),
            await listener.FishForMessageAsync<StationClosed>(_ => true, Wait, cancellationToken: Token));
        Assert.Equal(new StationClosed("news", "the station was removed"),
            await unicast.FishForMessageAsync<StationClosed>(_ => true, Wait, cancellationToken: Token));
    }

    private async Task ExpectViewersAsync(FanOutViewers expected) =>
        await FishForMessageAsync<FanOutViewers>(v => v == expected, Wait, cancellationToken: Token);

    private async Task SendChunksUntilAsync(IActorRef fanout, Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out: {what}");
            fanout.Tell(new EncodedChunk(new byte[1316], 1, DateTime.UtcNow), ActorRefs.NoSender);
            await Task.Delay(50, Token);
        }
    }
}
