using System.Net;
using ActorStream.Media.MpegTs;

namespace ActorStream.Media.Transport;

/// <summary>Settings of one <see cref="UdpDatagramSender"/>.</summary>
public sealed record UdpSenderOptions
{
    /// <summary>Kernel send buffer (SO_SNDBUF); the kernel may cap it at net.core.wmem_max.</summary>
    public int SendBufferBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Datagram payload size; a multiple of 188. 7 x 188 = 1316 fits a 1500-byte MTU.</summary>
    public int DatagramSize { get; init; } = TsPacket.DatagramSize;

    /// <summary>
    /// Datagrams handed to the kernel in one GSO send. 49 x 1316 = 64484 bytes, under both the 64 KiB
    /// IP limit and the kernel's 64-segment limit.
    /// </summary>
    public int MaxDatagramsPerSend { get; init; } = 49;

    /// <summary>Try UDP generic segmentation offload (Linux); falls back to one send per datagram.</summary>
    public bool UseGso { get; init; } = true;

    /// <summary>Multicast TTL, or unicast hop limit; null keeps the system default (multicast: 1).</summary>
    public int? Ttl { get; init; }

    /// <summary>Deliver multicast to listeners on this host too (so local viewers and tests receive it).</summary>
    public bool MulticastLoopback { get; init; } = true;

    /// <summary>The local IPv4 interface address multicast leaves from; null lets the routing table decide.</summary>
    public IPAddress? MulticastInterface { get; init; }
}
