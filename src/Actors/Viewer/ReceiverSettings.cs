using System.Net;
using ActorStream.Media.Receive;

namespace ActorStream.Actors.Viewer;

/// <summary>How a viewer's <see cref="Receiver"/> receives one station (actorstream.viewer in reference.conf).</summary>
public sealed record ReceiverSettings
{
    /// <summary>The station received, e.g. "main"; also the receiver's actor name under /user/viewer.</summary>
    public string Station { get; init; } = "main";

    /// <summary>Local address the UDP socket binds to.</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Any;

    /// <summary>Local UDP port; 0 takes a free one.</summary>
    public int Port { get; init; }

    /// <summary>SO_RCVBUF asked for; the kernel caps it at net.core.rmem_max.</summary>
    public int ReceiveBufferBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>The address the seed sends to: this node's address as the seed sees it (an IP literal).</summary>
    public string AdvertisedHost { get; init; } = "127.0.0.1";

    /// <summary>The UDP port the seed sends to; 0 means the receiving port (set it when a relay or NAT forwards).</summary>
    public int AdvertisedPort { get; init; }

    /// <summary>This node's cluster address, e.g. "actorstream://actorstream@10.0.0.7:4054".</summary>
    public string NodeAddress { get; init; } = string.Empty;

    /// <summary>This node's incarnation (Akka's UniqueAddress.Uid), sent with each subscription; 0 when unknown.</summary>
    public long NodeUid { get; init; }

    /// <summary>This node's remoting port, part of the viewer id.</summary>
    public int NodePort { get; init; }

    /// <summary>A fixed viewer id; null makes one per receiver incarnation (host-port-random).</summary>
    public string? ViewerId { get; init; }

    /// <summary>
    /// Receive the station's multicast group when it has one (subscribing with <c>Multicast</c>): the station counts
    /// the viewer and sends it nothing of its own. Off (the viewer's --unicast) asks for a unicast copy always.
    /// </summary>
    public bool Multicast { get; init; }

    /// <summary>The local IPv4 address of the interface that joins groups: the one that reaches the seed;
    /// <see cref="IPAddress.Any"/> lets the kernel choose.</summary>
    public IPAddress MulticastInterface { get; init; } = IPAddress.Any;

    public OutputSpec Output { get; init; } = OutputSpec.Null;

    /// <summary>Queue and restart settings of a <c>cmd:</c> output.</summary>
    public CommandOutputOptions Command { get; init; } = new();

    /// <summary>A subscription not answered within this is sent again.</summary>
    public TimeSpan SubscribeTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The subscription is repeated this often (idempotent), so a restarted seed gets the viewer back.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>First wait before a failed UDP socket is opened again; doubles up to <see cref="ReopenMax"/>.</summary>
    public TimeSpan ReopenMin { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait before a failed UDP socket is opened again; a socket that lasts this long resets the wait.</summary>
    public TimeSpan ReopenMax { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the rates in <c>ReceiverStatus</c> are measured.</summary>
    public TimeSpan StatusInterval { get; init; } = TimeSpan.FromSeconds(1);
}
