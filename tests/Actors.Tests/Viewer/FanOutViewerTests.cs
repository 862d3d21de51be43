using ActorStream.Actors.FanOut;
using ActorStream.Messages.FanOut;
using ActorStream.Messages.Pipeline;
using ActorStream.Messages.Viewer;
using ActorStream.Tests.Support;
using Akka.Actor;
using Akka.TestKit.Xunit;

namespace ActorStream.Actors.Tests.Viewer;

/// <summary>The seed side of viewer subscriptions, against a real fan-out sending to real UDP sockets.</summary>
public sealed class FanOutViewerTests : TestKit
{
    private const string NodeA = "akka.tcp://actorstream@127.0.0.1:4101";
    private const string NodeB = "akka.tcp://actorstream@127.0.0.1:4102";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly IActorRef _fanout;

    public FanOutViewerTests()
    {
        _fanout = Sys.ActorOf(Props.Create(() => new FanOutSender(new FanOutSettings { StatusInterval = TimeSpan.FromMilliseconds(200) })), "fanout");
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Subscribing_adds_a_viewer_destination_that_receives_and_lists_as_viewer()
    {
        using var socket = new DatagramCounter();
        var receiver = CreateTestProbe("receiver");
        _fanout.Tell(new SubscribeViewer("127.0.0.1-4101-aaaa0001", "127.0.0.1", socket.Port, receiver.Ref, NodeA), receiver.Ref);
        var subscribed = await receiver.ExpectMsgAsync<ViewerSubscribed>(Wait, cancellationToken: Token);
        Assert.Equal("viewer-127.0.0.1-4101-aaaa0001", subscribed.DestinationName);
        Assert.False(subscribed.AlreadyPresent);

        await SendChunksUntilAsync(() => socket.Datagrams >= 3, "the viewer's socket receives");
        await Eventually.Until(async () => (await ListAsync()).Destinations.Any(d => d.Bytes > 0), Wait, "the viewer's figures reach the list", Token);
        var listed = Assert.Single((await ListAsync()).Destinations);
        Assert.Equal("viewer", listed.Kind);
        Assert.Equal(subscribed.DestinationName, listed.Name);
        Assert.Equal($"udp://127.0.0.1:{socket.Port}", listed.Uri);
    }

    [Fact]
    public async Task A_duplicate_subscription_changes_nothing()
    {
        using var socket = new DatagramCounter();
        var receiver = CreateTestProbe("receiver");
        var subscribe = new SubscribeViewer("v-1", "127.0.0.1", socket.Port, receiver.Ref, NodeA);
        _fanout.Tell(subscribe, receiver.Ref);
        var first = await receiver.ExpectMsgAsync<ViewerSubscribed>(Wait, cancellationToken: Token);
        _fanout.Tell(subscribe, receiver.Ref);
        _fanout.Tell(subscribe, receiver.Ref);
        var second = await receiver.ExpectMsgAsync<ViewerSubscribed>(Wait, cancellationToken: Token);
        var third = await receiver.ExpectMsgAsync<ViewerSubscribed>(Wait, cancellationToken: Token);
        Assert.False(first.AlreadyPresent);
        Assert.True(second.AlreadyPresent);
        Assert.True(third.AlreadyPresent);
        Assert.Equal(first.DestinationName, second.DestinationName);
        Assert.Single((await ListAsync()).Destinations);

        // One destination, so a chunk arrives once.
        _fanout.Tell(new EncodedChunk(new byte[1316], 1, DateTime.UtcNow), ActorRefs.NoSender);
        await Eventually.Until(() => socket.Datagrams >= 1, Wait, "the chunk arrives", Token);
        await Task.Delay(300, Token); // a second copy, if there were one, would be here by now
        Assert.Equal(1, socket.Datagrams);
    }

    [Fact]
    public async Task Viewer_node_gone_removes_the_viewers_of_that_node_only()
    {
        using var a1 = new DatagramCounter();
        using var a2 = new DatagramCounter();
        using var b1 = new DatagramCounter();
        using var plain = new DatagramCounter();
        var probe = CreateTestProbe("control");
        _fanout.Tell(new SubscribeViewer("a-1", "127.0.0.1", a1.Port, probe.Ref, NodeA), probe.Ref);
        _fanout.Tell(new SubscribeViewer("a-2", "127.0.0.1", a2.Port, probe.Ref, NodeA), probe.Ref);
        _fanout.Tell(new SubscribeViewer("b-1", "127.0.0.1", b1.Port, probe.Ref, NodeB), probe.Ref);
        _fanout.Tell(new AddDestination($"udp://127.0.0.1:{plain.Port}"), probe.Ref);
        await probe.ReceiveNAsync(4, Wait, Token).ToListAsync(Token);
        await SendChunksUntilAsync(() => a1.Datagrams > 0 && a2.Datagrams > 0 && b1.Datagrams > 0 && plain.Datagrams > 0, "all four receive");

        _fanout.Tell(new ViewerNodeGone(NodeA), probe.Ref);
        // The receivers (here the probe) are told they were dropped, so a live one (a new incarnation at the address)
        // subscribes again at once; then the sender of ViewerNodeGone gets the list.
        var told = await probe.ReceiveNAsync(3, Wait, Token).ToListAsync(Token);
        Assert.Equal(["a-1", "a-2"], told.OfType<ViewerUnsubscribed>().Select(u => u.ViewerId).Order(StringComparer.Ordinal));
        Assert.All(told.OfType<ViewerUnsubscribed>(), u => Assert.True(u.WasSubscribed));
        var removed = Assert.Single(told.OfType<ViewersRemoved>());
        Assert.Equal(NodeA, removed.NodeAddress);
        Assert.Equal(["a-1", "a-2"], removed.ViewerIds.Order(StringComparer.Ordinal));
        var names = (await ListAsync()).Destinations.Select(d => d.Name).ToList();
        Assert.Equal(["udp-127.0.0.1-" + plain.Port, "viewer-b-1"], names);

        await Task.Delay(200, Token); // datagrams already on their way when the viewers went are counted first
        var a1Before = a1.Datagrams;
        var a2Before = a2.Datagrams;
        var bBefore = b1.Datagrams;
        var plainBefore = plain.Datagrams;
        await SendChunksUntilAsync(() => b1.Datagrams > bBefore + 3 && plain.Datagrams > plainBefore + 3, "node B's viewer and the plain destination keep receiving");
        Assert.Equal(a1Before, a1.Datagrams);
        Assert.Equal(a2Before, a2.Datagrams);

        // Again for a node with no viewers: nothing removed, still answered.
        _fanout.Tell(new ViewerNodeGone(NodeA), probe.Ref);
        Assert.Empty((await probe.ExpectMsgAsync<ViewersRemoved>(Wait, cancellationToken: Token)).ViewerIds);
    }

    [Fact]
    public async Task A_stopped_receiver_loses_its_destination_by_death_watch()
    {
        using var socket = new DatagramCounter();
        var receiver = CreateTestProbe("receiver");
        var other = CreateTestProbe("other");
        _fanout.Tell(new SubscribeViewer("stops", "127.0.0.1", socket.Port, receiver.Ref, NodeA), receiver.Ref);
        _fanout.Tell(new SubscribeViewer("stays", "127.0.0.1", socket.Port, other.Ref, NodeA), other.Ref);
        await receiver.ExpectMsgAsync<ViewerSubscribed>(Wait, cancellationToken: Token);
        await other.ExpectMsgAsync<ViewerSubscribed>(Wait, cancellationToken: Token);

        // No unsubscribe is sent: only the Terminated of the watched receiver can remove it.
        Sys.Stop(receiver.Ref);
        await Eventually.Until(async () => (await ListAsync()).Destinations.All(d => d.Name != "viewer-stops"), Wait,
            "the stopped receiver's destination is removed", Token);
        Assert.Equal("viewer-stays", Assert.Single((await ListAsync()).Destinations).Name);
    }

    [Fact]
    public async Task Unsubscribe_removes_and_is_idempotent()
    {
        using var socket = new DatagramCounter();
        var receiver = CreateTestProbe("receiver");
        _fanout.Tell(new SubscribeViewer("v-9", "127.0.0.1", socket.Port, receiver.Ref, NodeA), receiver.Ref);
        await receiver.ExpectMsgAsync<ViewerSubscribed>(Wait, cancellationToken: Token);
        _fanout.Tell(new UnsubscribeViewer("v-9"), receiver.Ref);
        var gone = await receiver.ExpectMsgAsync<ViewerUnsubscribed>(Wait, cancellationToken: Token);
        Assert.True(gone.WasSubscribed);
        Assert.Equal("viewer-v-9", gone.DestinationName);
        Assert.Empty((await ListAsync()).Destinations);
        _fanout.Tell(new UnsubscribeViewer("v-9"), receiver.Ref);
        Assert.False((await receiver.ExpectMsgAsync<ViewerUnsubscribed>(Wait, cancellationToken: Token)).WasSubscribed);
    }

    [Theory]
    [InlineData("", "127.0.0.1", 5000, "viewer id")]
    [InlineData("v", "viewer.example", 5000, "not an IP address")]
    [InlineData("v", "10.1", 5000, "not an IP address")]
    [InlineData("v", "0.0.0.0", 5000, "not a unicast address")]
    [InlineData("v", "239.1.1.1", 5000, "not a unicast address")]
    [InlineData("v", "127.0.0.1", 0, "out of range")]
    [InlineData("v", "127.0.0.1", 70000, "out of range")]
    public async Task Bad_subscriptions_are_rejected_and_add_nothing(string id, string host, int port, string reason)
    {
        var receiver = CreateTestProbe("receiver");
        _fanout.Tell(new SubscribeViewer(id, host, port, receiver.Ref, NodeA), receiver.Ref);
        var rejected = await receiver.ExpectMsgAsync<ViewerRejected>(Wait, cancellationToken: Token);
        Assert.Contains(reason, rejected.Reason, StringComparison.Ordinal);
        Assert.Empty((await ListAsync()).Destinations);
    }

    [Fact]
    public async Task Ids_with_odd_characters_get_a_valid_actor_name()
    {
        using var socket = new DatagramCounter();
        var receiver = CreateTestProbe("receiver");
        _fanout.Tell(new SubscribeViewer("fe80::1%eth0-4054-1/2 x", "127.0.0.1", socket.Port, receiver.Ref, NodeA), receiver.Ref);
        var subscribed = await receiver.ExpectMsgAsync<ViewerSubscribed>(Wait, cancellationToken: Token);
        Assert.Equal("viewer-fe80__1_eth0-4054-1_2_x", subscribed.DestinationName);
        await SendChunksUntilAsync(() => socket.Datagrams > 0, "the viewer receives");
    }

    private async Task<DestinationList> ListAsync() =>
        await _fanout.Ask<DestinationList>(ListDestinations.Instance, Wait, Token);

    private async Task SendChunksUntilAsync(Func<bool> condition, string what)
    {
        var sequence = 0L;
        await Eventually.Until(() =>
        {
            _fanout.Tell(new EncodedChunk(new byte[1316], sequence++, DateTime.UtcNow), ActorRefs.NoSender);
            return condition();
        }, Wait, what, Token);
    }
}
