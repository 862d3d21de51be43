using System.Net;
using System.Net.Sockets;

namespace ActorStream.Tests.Support;

/// <summary>
/// A UDP socket on loopback that counts what arrives, with the time of the last datagram: a plain one on a free port
/// (<see cref="DatagramCounter()"/>), or one joined to a multicast group (<see cref="JoinGroup"/>).
/// </summary>
public sealed class DatagramCounter : IDisposable
{
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _datagrams;
    private long _lastTicks;

    public DatagramCounter()
        : this(Bind(new IPEndPoint(IPAddress.Loopback, 0), reuseAddress: false))
    {
    }

    private DatagramCounter(Socket socket)
    {
        _socket = socket;
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
        _loop = ReceiveAsync();
    }

    public int Port { get; }

    public long Datagrams => Interlocked.Read(ref _datagrams);

    public DateTime LastArrival => new(Interlocked.Read(ref _lastTicks), DateTimeKind.Utc);

    /// <summary>
    /// A socket joined to <paramref name="group"/> on loopback (as a viewer on the seed's machine does). Bound to the
    /// group's address, so another group's traffic on the same port is not counted.
    /// </summary>
    public static DatagramCounter JoinGroup(IPAddress group, int port)
    {
        var socket = Bind(new IPEndPoint(group, port), reuseAddress: true);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(group, IPAddress.Loopback));
            return new DatagramCounter(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        _ = _loop.ContinueWith(_ => _stop.Dispose(), TaskScheduler.Default);
    }

    private static Socket Bind(IPEndPoint endPoint, bool reuseAddress)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (reuseAddress)
            {
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            }

            socket.Bind(endPoint);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[65536];
        try
        {
            while (true)
            {
                await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token).ConfigureAwait(false);
                Interlocked.Exchange(ref _lastTicks, DateTime.UtcNow.Ticks);
                Interlocked.Increment(ref _datagrams);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException)
        {
        }
    }
}
