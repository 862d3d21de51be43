using ActorStream.Messages.Tests.Support;
using ActorStream.Messages.Viewer;
using Akka.Actor;
using System.Threading.Channels;

namespace ActorStream.Messages.Tests.Wire;

/// <summary>
/// An IActorRef field crosses nodes as a path and arrives as a remote ref that reaches the sender's actor: how a
/// station answers a viewer's receiver that subscribed from another node.
/// </summary>
public sealed class ActorRefOverTheWireTests : IAsyncDisposable
{
    private readonly TwoNodes _nodes = new();

    [Fact]
    public async Task A_ref_sent_in_a_message_reaches_its_actor_on_the_sending_node()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var atPeer = Channel.CreateUnbounded<object>();
        var receiver = _nodes.Peer.ActorOf(Recorder.Props(atPeer.Writer), "receiver");
        var subscribe = new SubscribeViewer("v1", "127.0.0.1", 5000, receiver, RemoteSystems.AddressOf(_nodes.Peer).ToString());

        _nodes.Target.Tell(subscribe, ActorRefs.NoSender);

        var arrived = Assert.IsType<SubscribeViewer>(await _nodes.Received.NextWithin(TwoNodes.Within, cancellation));
        Assert.Equal(subscribe with { Receiver = arrived.Receiver }, arrived);
        Assert.Equal(receiver.Path.ToStringWithAddress(RemoteSystems.AddressOf(_nodes.Peer)), arrived.Receiver.Path.ToString());
        // Answer through the ref that arrived, as a station does: it must come back over the wire to the peer's actor.
        arrived.Receiver.Tell(new ViewerSubscribed("v1", "viewer-v1", false), ActorRefs.NoSender);
        Assert.Equal(new ViewerSubscribed("v1", "viewer-v1", false), await atPeer.Reader.NextWithin(TwoNodes.Within, cancellation));
    }

    public async ValueTask DisposeAsync() => await _nodes.DisposeAsync();
}
