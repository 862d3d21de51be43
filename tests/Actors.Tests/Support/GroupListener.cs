using System.Net;
using System.Net.Sockets;

namespace ActorStream.Tests.Support;

/// <summary>
/// A UDP socket that joined a multicast group on loopback (as a viewer on the seed's machine does) and counts what
/// arrives, with the time of the last datagram. Bound to the group's address, so another group's traffic on the same
/// port is not counted.
/// </summary>
public sealed class GroupListener : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _datagrams;
    private long _lastTicks;

    public GroupListener(IPAddress group, int port)
    {
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _socket.Bind(new IPEndPoint(group, port));
        _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(group, IPAddress.Loopback));
        _loop = ReceiveAsync();
    }

    public long Datagrams => Interlocked.Read(ref _datagrams);

    public DateTime LastArrival => new(Interlocked.Read(ref _lastTicks), DateTimeKind.Utc);

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        _ = _loop.ContinueWith(_ => _stop.Dispose(), TaskScheduler.Default);
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
