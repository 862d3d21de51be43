using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ActorStream.EndToEnd.Tests.Support.Netns;

/// <summary>
/// Receives on a bound UDP socket (made in a namespace, or not) until disposed, handing each datagram to a callback
/// with the Stopwatch time it arrived and where it came from. Owns the socket: disposing closes it and waits for the
/// loop to end.
/// </summary>
public sealed class DatagramReceiveLoop : IAsyncDisposable
{
    /// <summary>Called on the loop's task; <paramref name="data"/> is valid only during the call.</summary>
    public delegate void Handler(long timestamp, IPEndPoint from, ReadOnlySpan<byte> data);

    private readonly Socket _socket;
    private readonly Handler _onDatagram;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public DatagramReceiveLoop(Socket socket, Handler onDatagram)
    {
        _socket = socket;
        _onDatagram = onDatagram;
        _loop = Task.Run(() => ReceiveAsync(_stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        await _loop.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task ReceiveAsync(CancellationToken ct)
    {
        var buffer = new byte[65_536];
        EndPoint any = new IPEndPoint(_socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, ct).ConfigureAwait(false);
                _onDatagram(Stopwatch.GetTimestamp(), (IPEndPoint)result.RemoteEndPoint, buffer.AsSpan(0, result.ReceivedBytes));
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
