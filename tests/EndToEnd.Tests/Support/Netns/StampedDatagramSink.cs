using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ActorStream.EndToEnd.Tests.Support.Netns;

/// <summary>A UDP socket (in a namespace, or not) that records each <see cref="StampedDatagrams"/> datagram's sequence and delay.</summary>
public sealed class StampedDatagramSink : IAsyncDisposable
{
    private readonly List<(long Sequence, double DelayMs)> _arrivals = [];
    private readonly DatagramReceiveLoop _loop;

    private StampedDatagramSink(Socket socket)
    {
        EndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _loop = new DatagramReceiveLoop(socket, (now, _, data) =>
        {
            if (data.Length < 16)
            {
                return;
            }

            var (sequence, sent) = StampedDatagrams.Read(data);
            lock (_arrivals)
            {
                _arrivals.Add((sequence, (now - sent) * 1000.0 / Stopwatch.Frequency));
            }
        });
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

    public ValueTask DisposeAsync() => _loop.DisposeAsync();
}
