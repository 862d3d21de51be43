namespace ActorStream.Media.Transport;

/// <summary>How a destination receives the stream.</summary>
public enum DestinationKind
{
    /// <summary><c>udp://host:port</c> with a unicast address: datagrams to one receiver.</summary>
    UdpUnicast,

    /// <summary><c>udp://group:port</c> with a multicast address: datagrams to a group.</summary>
    UdpMulticast,

    /// <summary><c>tcp://host:port</c>: we connect and push to a listening receiver.</summary>
    TcpPush,

    /// <summary><c>tcp-listen://addr:port</c>: we listen and clients connect to pull.</summary>
    TcpListen,
}
