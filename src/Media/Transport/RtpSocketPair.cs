using System.Net;
using System.Net.Sockets;

namespace ActorStream.Media.Transport;

/// <summary>
/// The server's two UDP sockets for unicast RTP (even port) and RTCP (the port above it, RFC 3550 11), shared by
/// every UDP session. Sends never block (a full socket buffer is a dropped datagram, counted), so any number of
/// session actors may send from their own threads without slowing one another.
/// </summary>
public sealed class RtpSocketPair : IDisposable
{
    private readonly Socket _rtp;
    private readonly Socket _rtcp;
    private long _dropped;

    private RtpSocketPair(Socket rtp, Socket rtcp)
    {
        _rtp = rtp;
        _rtcp = rtcp;
        RtpPort = ((IPEndPoint)rtp.LocalEndPoint!).Port;
    }

    public int RtpPort { get; }

    public int RtcpPort => RtpPort + 1;

    /// <summary>Datagrams not sent because the socket buffer was full or the send failed.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Binds <paramref name="port"/> and the port above it on <paramref name="address"/>; port 0 picks a free even pair.</summary>
    /// <exception cref="ArgumentException">The port is odd or out of range.</exception>
    /// <exception cref="SocketException">The pair cannot be bound (the message names the ports).</exception>
    public static RtpSocketPair Bind(IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (port != 0 && (port % 2 != 0 || port < 2 || port > 65534))
        {
            throw new ArgumentException($"RTP port {port} must be even, from 2 to 65534 (RTCP takes the port above it), or 0 for a free pair.", nameof(port));
        }

        if (port != 0) return BindPair(address, port);
        for (var attempt = 0; attempt < 64; attempt++)
        {
            int candidate;
            using (var probe = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp))
            {
                probe.Bind(new IPEndPoint(address, 0));
                candidate = ((IPEndPoint)probe.LocalEndPoint!).Port & ~1;
            }

            if (candidate < 2 || candidate > 65534) continue;
            try
            {
                return BindPair(address, candidate);
            }
            catch (SocketException)
            {
                // Taken meanwhile, or its neighbour is: try another.
            }
        }

        throw new SocketException((int)SocketError.AddressAlreadyInUse);
    }

    private static RtpSocketPair BindPair(IPAddress address, int port)
    {
        var rtp = Open(address, port);
        try
        {
            return new RtpSocketPair(rtp, Open(address, port + 1));
        }
        catch
        {
            rtp.Dispose();
            throw;
        }
    }

    private static Socket Open(IPAddress address, int port)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Blocking = false;
            socket.SendBufferSize = 4 * 1024 * 1024;
            socket.Bind(new IPEndPoint(address, port));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public bool SendRtp(ReadOnlySpan<byte> packet, IPEndPoint to) => Send(_rtp, packet, to.Serialize());

    public bool SendRtcp(ReadOnlySpan<byte> packet, IPEndPoint to) => Send(_rtcp, packet, to.Serialize());

    /// <summary>Sends to an address serialized once (<see cref="IPEndPoint.Serialize"/>): no allocation per packet.</summary>
    public bool SendRtp(ReadOnlySpan<byte> packet, SocketAddress to) => Send(_rtp, packet, to);

    private bool Send(Socket socket, ReadOnlySpan<byte> packet, SocketAddress to)
    {
        try
        {
            socket.SendTo(packet, SocketFlags.None, to);
            return true;
        }
        catch (SocketException)
        {
            // WouldBlock (buffer full) or an ICMP error from an earlier send: this datagram is lost, the next may go.
            Interlocked.Increment(ref _dropped);
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Calls <paramref name="received"/> with each datagram arriving on the RTCP socket until cancelled or disposed.</summary>
    public async Task ReceiveRtcpAsync(Action<IPEndPoint, byte[]> received, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(received);
        var buffer = new byte[2048];
        EndPoint any = new IPEndPoint(_rtcp.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            SocketReceiveFromResult result;
            try
            {
                result = await _rtcp.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                // An ICMP port unreachable for an earlier send surfaces here on Linux: not our socket's fault.
                continue;
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }

            received((IPEndPoint)result.RemoteEndPoint, buffer.AsSpan(0, result.ReceivedBytes).ToArray());
        }
    }

    public void Dispose()
    {
        _rtp.Dispose();
        _rtcp.Dispose();
    }
}
