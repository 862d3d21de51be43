using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ActorStream.Media.Transport;

namespace ActorStream.Media.Receive;

/// <summary>
/// A multicast group a receiving socket joins (IGMP) and the local interface it joins on: the socket is bound to the
/// group's address and port, so two groups sharing a port never mix, and with SO_REUSEADDR, so several receivers
/// (or an ffprobe) on one host can listen to one group.
/// </summary>
/// <param name="Group">The group's address (224.0.0.0/4 or ff00::/8) and port.</param>
/// <param name="Interface">The local IPv4 address of the interface to join on; <see cref="IPAddress.Any"/> lets the kernel pick.</param>
public sealed record MulticastMembership(IPEndPoint Group, IPAddress Interface)
{
    // Linux's IPPROTO_IP and IP_MULTICAST_ALL (linux/in.h), which .NET does not name.
    private const int IpProtocolLevel = 0;
    private const int IpMulticastAll = 49;

    /// <summary>The group as the seed names it, ADDRESS:PORT, e.g. "239.255.0.1:5004".</summary>
    public string GroupText => Group.Address.AddressFamily == AddressFamily.InterNetworkV6
        ? $"[{Group.Address}]:{Group.Port.ToString(CultureInfo.InvariantCulture)}"
        : $"{Group.Address}:{Group.Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Parses ADDRESS:PORT ([ADDRESS]:PORT for IPv6) where ADDRESS is a multicast address and PORT 1..65535.</summary>
    public static bool TryParseGroup(string? text, [NotNullWhen(true)] out IPEndPoint? group, out string error)
    {
        group = null;
        var value = text?.Trim() ?? string.Empty;
        if (!IPEndPoint.TryParse(value, out var endpoint) || endpoint.Port == 0)
        {
            error = $"'{value}' is not a multicast group ADDRESS:PORT (e.g. 239.255.0.1:5004).";
            return false;
        }

        if (!DestinationUri.IsMulticastAddress(endpoint.Address))
        {
            error = $"'{value}': {endpoint.Address} is not a multicast address (224.0.0.0/4 or ff00::/8).";
            return false;
        }

        group = endpoint;
        error = string.Empty;
        return true;
    }

    /// <summary>
    /// Creates a UDP socket bound to the group and joined to it. The caller owns the socket; closing it leaves the
    /// group (the kernel drops a closed socket's memberships), <see cref="Leave"/> says so at once.
    /// </summary>
    /// <exception cref="SocketException">The port cannot be bound, or the interface cannot join (no multicast route).</exception>
    public Socket Open(int receiveBufferBytes)
    {
        var socket = new Socket(Group.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            if (receiveBufferBytes > 0)
            {
                socket.ReceiveBufferSize = receiveBufferBytes;
            }

            // Windows cannot bind a multicast address; it filters by membership alone.
            var bindAddress = OperatingSystem.IsWindows()
                ? (Group.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any)
                : Group.Address;
            socket.Bind(new IPEndPoint(bindAddress, Group.Port));
            if (OperatingSystem.IsLinux() && Group.AddressFamily == AddressFamily.InterNetwork)
            {
                // IP_MULTICAST_ALL off: Linux otherwise hands a socket every group of its port that any socket of the
                // host joined, so one that left (paused) would keep receiving while another viewer here stays joined.
                socket.SetRawSocketOption(IpProtocolLevel, IpMulticastAll, BitConverter.GetBytes(0));
            }

            if (Group.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.AddMembership, new IPv6MulticastOption(Group.Address));
            }
            else
            {
                socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(Group.Address, Interface));
            }
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return socket;
    }

    /// <summary>Leaves the group on <paramref name="socket"/> (IGMP leave now, rather than when the socket closes).</summary>
    public void Leave(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (Group.AddressFamily == AddressFamily.InterNetworkV6)
        {
            socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.DropMembership, new IPv6MulticastOption(Group.Address));
        }
        else
        {
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.DropMembership, new MulticastOption(Group.Address, Interface));
        }
    }

    /// <summary>
    /// The local IPv4 address the kernel would send from to reach <paramref name="remote"/>: the interface that
    /// reaches the seed, which is where its multicast arrives. A connected UDP socket sends nothing; it only picks a
    /// route. 127.0.0.1 for a seed on this host.
    /// </summary>
    /// <exception cref="SocketException">No route to <paramref name="remote"/>.</exception>
    public static IPAddress InterfaceToward(IPAddress remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        if (remote.IsIPv4MappedToIPv6)
        {
            remote = remote.MapToIPv4();
        }

        using var probe = new Socket(remote.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        probe.Connect(new IPEndPoint(remote, 9));
        return ((IPEndPoint)probe.LocalEndPoint!).Address;
    }
}
