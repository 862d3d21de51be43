using System.Net;
using System.Net.Sockets;

namespace ActorStream.Media.Transport;

/// <summary>
/// Sends RTP and RTCP datagrams to one multicast group on several ports (each track's RTP port and the RTCP port above
/// it) from one non-blocking socket, with the group's TTL and outgoing interface, multicast loop on so that clients on
/// this host receive too. A send that would block is dropped and counted: the stream never waits for the network.
/// Use from one thread at a time.
/// </summary>
public sealed class RtpMulticastSender : IDisposable
{
    private readonly Socket _socket;
    private readonly Dictionary<int, IPEndPoint> _endpoints = [];

    /// <param name="group">An IPv4 multicast address.</param>
    /// <param name="ttl">Multicast TTL (1 stays on the local segment).</param>
    /// <param name="localInterface">The local IPv4 address the datagrams leave from; null lets routing decide.</param>
    public RtpMulticastSender(IPAddress group, int ttl, IPAddress? localInterface)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (group.AddressFamily != AddressFamily.InterNetwork || !DestinationUri.IsMulticastAddress(group))
        {
            throw new ArgumentException($"{group} is not an IPv4 multicast address.", nameof(group));
        }

        Group = group;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            _socket.Blocking = false;
            _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, ttl);
            _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastLoopback, true);
            if (localInterface is not null)
            {
                _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, localInterface.GetAddressBytes());
            }
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
    }

    public IPAddress Group { get; }

    public long Datagrams { get; private set; }

    public long Bytes { get; private set; }

    /// <summary>Datagrams the kernel did not take (buffer full, or an error).</summary>
    public long Dropped { get; private set; }

    /// <summary>Sends one datagram to the group's <paramref name="port"/>; false when it was dropped.</summary>
    public bool Send(int port, ReadOnlySpan<byte> datagram)
    {
        if (!_endpoints.TryGetValue(port, out var endpoint))
        {
            endpoint = new IPEndPoint(Group, port);
            _endpoints[port] = endpoint;
        }

        try
        {
            _socket.SendTo(datagram, SocketFlags.None, endpoint);
        }
        catch (SocketException)
        {
            // Would block (buffer full) or a network error: either way this datagram is lost, and the next is tried.
            Dropped++;
            return false;
        }

        Datagrams++;
        Bytes += datagram.Length;
        return true;
    }

    public void Dispose() => _socket.Dispose();
}
