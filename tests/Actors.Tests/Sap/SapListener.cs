using System.Net;
using System.Net.Sockets;
using ActorStream.Media.Sap;

namespace ActorStream.Actors.Tests.Sap;

/// <summary>
/// A UDP socket that receives SAP packets as a viewer's VLC would: bound to the SAP port and, for a multicast
/// address, a member of the group on the loopback interface.
/// </summary>
internal sealed class SapListener : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    public SapListener(IPAddress address)
    {
        var multicast = (address.GetAddressBytes()[0] & 0xF0) == 0xE0;
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _socket.Bind(new IPEndPoint(multicast ? IPAddress.Any : address, 0));
        if (multicast)
        {
            _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(address, IPAddress.Loopback));
        }

        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    public int Port { get; }

    /// <summary>The next SAP packet, parsed; a timeout when none comes within <paramref name="timeout"/>.</summary>
    public async Task<SapPacket> NextAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        var buffer = new byte[65536];
        try
        {
            var received = await _socket.ReceiveAsync(buffer, SocketFlags.None, bounded.Token);
            return SapPacket.Parse(buffer.AsSpan(0, received));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No SAP packet on port {Port} within {timeout.TotalSeconds:0.#} s.");
        }
    }

    /// <summary>Packets until one matches <paramref name="match"/>, within <paramref name="timeout"/> in all.</summary>
    public async Task<SapPacket> NextMatchingAsync(Func<SapPacket, bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            var packet = await NextAsync(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1), cancellationToken);
            if (match(packet))
            {
                return packet;
            }
        }
    }

    /// <summary>Every packet that arrives within <paramref name="window"/>.</summary>
    public async Task<IReadOnlyList<SapPacket>> CollectAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        var packets = new List<SapPacket>();
        var deadline = DateTime.UtcNow + window;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                packets.Add(await NextAsync(deadline - DateTime.UtcNow, cancellationToken));
            }
            catch (TimeoutException)
            {
                break;
            }
        }

        return packets;
    }

    public void Dispose() => _socket.Dispose();
}
