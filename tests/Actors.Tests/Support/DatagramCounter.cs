using System.Net;
using System.Net.Sockets;

namespace ActorStream.Tests.Support;

/// <summary>A plain UDP socket on loopback that counts what arrives, with the time of the last datagram.</summary>
public sealed class DatagramCounter : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _datagrams;
    private long _lastTicks;

    public DatagramCounter()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
        _loop = ReceiveAsync();
    }

    public int Port { get; }

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
