using System.Threading.Channels;
using Akka.Actor;

namespace ActorStream.Messages.Tests.Support;

/// <summary>
/// Two real node-configured systems connected over loopback TCP. <see cref="Peer"/> sends; <see cref="Node"/> owns
/// a <see cref="Recorder"/> actor, <see cref="Target"/>, that writes down whatever reaches it.
/// </summary>
internal sealed class TwoNodes : IAsyncDisposable
{
    public static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    private readonly Channel<object> _received = Channel.CreateUnbounded<object>();

    /// <param name="peerHocon">Extra config on the sending side only (the attacker's serializer).</param>
    public TwoNodes(string peerHocon = "")
    {
        Node = RemoteSystems.Create("node");
        try
        {
            Peer = RemoteSystems.Create("peer", peerHocon);
        }
        catch
        {
            Node.Terminate().Wait(Within);
            throw;
        }

        var target = Node.ActorOf(Recorder.Props(_received.Writer), "target");
        Target = RemoteSystems.RemoteRef(Peer, Node, target);
    }

    public ActorSystem Node { get; }

    public ActorSystem Peer { get; }

    /// <summary>The node's recorder as the peer sees it: a remote ref, so every Tell crosses the wire.</summary>
    public IActorRef Target { get; }

    /// <summary>What reached the node's recorder, in order.</summary>
    public ChannelReader<object> Received => _received.Reader;

    public async ValueTask DisposeAsync() => await RemoteSystems.TerminateAsync(Peer, Node);
}
