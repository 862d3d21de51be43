using System.Net;
using System.Net.Sockets;

namespace ActorStream.EndToEnd.Tests.Support.Netns;

/// <summary>
/// A UDP socket inside a namespace joined to one multicast group on the host's LAN address, keeping every datagram
/// with the Stopwatch time it arrived: what a receiver on that host (VLC's SAP discovery, say) gets.
/// </summary>
public sealed class MulticastListener : IAsyncDisposable
{
    public readonly record struct Datagram(long Timestamp, IPEndPoint From, byte[] Data);

    private readonly List<Datagram> _datagrams = [];
    private readonly DatagramReceiveLoop _loop;

    private MulticastListener(Socket socket)
    {
        _loop = new DatagramReceiveLoop(socket, (timestamp, from, data) =>
        {
            var datagram = new Datagram(timestamp, from, data.ToArray());
            lock (_datagrams)
            {
                _datagrams.Add(datagram);
            }
        });
    }

    public IReadOnlyList<Datagram> Datagrams
    {
        get
        {
            lock (_datagrams)
            {
                return _datagrams.ToList();
            }
        }
    }

    /// <summary>Binds GROUP's port in <paramref name="host"/>'s namespace and joins <paramref name="group"/> on its LAN interface.</summary>
    public static async Task<MulticastListener> StartAsync(LanHost host, IPEndPoint group)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(group);
        var socket = await NamespaceSockets.CreateAsync(host.Namespace, () =>
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                // Other receivers on the host may listen on the group's port too (a viewer on its own group).
                s.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                s.ReceiveBufferSize = 1 << 20;
                s.Bind(new IPEndPoint(IPAddress.Any, group.Port));
                s.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(group.Address, host.Address));
                return s;
            }
            catch
            {
                s.Dispose();
                throw;
            }
        }).ConfigureAwait(false);
        return new MulticastListener(socket);
    }

    public ValueTask DisposeAsync() => _loop.DisposeAsync();
}
