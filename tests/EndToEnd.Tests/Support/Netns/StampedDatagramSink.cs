using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ActorStream.EndToEnd.Tests.Support.Netns;

/// <summary>A UDP socket (in a namespace, or not) that records each <see cref="StampedDatagrams"/> datagram's sequence and delay.</summary>
public sealed class StampedDatagramSink : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(long Sequence, double DelayMs)> _arrivals = [];
    private readonly Task _loop;

    private StampedDatagramSink(Socket socket)
    {
        _socket = socket;
        EndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _loop = Task.Run(() => ReceiveAsync(_stop.Token));
    }

    public IPEndPoint EndPoint { get; }

    public int Count
    {
        get
        {
            lock (_arrivals)
            {
                return _arrivals.Count;
            }
        }
    }

    /// <summary>Sequence numbers and send-to-arrival delays (ms), in arrival order.</summary>
    public IReadOnlyList<(long Sequence, double DelayMs)> Arrivals
    {
        get
        {
            lock (_arrivals)
            {
                return _arrivals.ToList();
            }
        }
    }

    /// <summary>Binds <paramref name="bind"/> inside <paramref name="netns"/> (null: this process's namespace).</summary>
    public static async Task<StampedDatagramSink> StartAsync(string? netns, IPEndPoint bind)
    {
        var socket = await NamespaceSockets.CreateAsync(netns, () =>
        {
            var s = new Socket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                s.ReceiveBufferSize = 8 << 20;
                s.Bind(bind);
                return s;
            }
            catch
            {
                s.Dispose();
                throw;
            }
        }).ConfigureAwait(false);
        return new StampedDatagramSink(socket);
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
        try
        {
            while (true)
            {
                var n = await _socket.ReceiveAsync(buffer, SocketFlags.None, ct).ConfigureAwait(false);
                var now = Stopwatch.GetTimestamp();
                if (n < 16)
                {
                    continue;
                }

                var (sequence, sent) = StampedDatagrams.Read(buffer);
                lock (_arrivals)
                {
                    _arrivals.Add((sequence, (now - sent) * 1000.0 / Stopwatch.Frequency));
                }
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
