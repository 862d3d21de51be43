using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Collections.Concurrent;

namespace ActorStream.EndToEnd.Tests.Support.Netns;

/// <summary>
/// A fixed extra delay in a UDP path, without netem: listens on <see cref="ListenEndPoint"/> (inside a network
/// namespace, or this process's own) and sends every datagram on to <see cref="Target"/> <see cref="Delay"/> after it
/// arrived, in arrival order. At most <c>capacity</c> datagrams wait at once (each kept at its own size); one
/// arriving beyond that is dropped and counted, so a flood cannot grow memory. 20 ms of a 10 Mbit/s stream is
/// ~20 datagrams, so the default 4096 only fills when the target path is far slower than the source.
/// </summary>
/// <remarks>
/// The forwarding side is a dedicated thread that sleeps with nanosleep until each datagram is due: a timer-driven
/// async wait measured 20 ms + 2.5 ms (median; p95 +7 ms) here, too coarse for a test that checks a 15-30 ms rise
/// in measured latency.
/// </remarks>
public sealed class UdpDelayRelay : IAsyncDisposable
{
    private const int MaxDatagram = 65_536;

    private readonly Socket _listen;
    private readonly Socket _send;
    private readonly BlockingCollection<Pending> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly long _delayTicks;
    private readonly Task _receiving;
    private readonly TaskCompletionSource _forwarding = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _received;
    private long _forwarded;
    private long _dropped;
    private long _sendErrors;
    private int _disposed;

    private UdpDelayRelay(Socket listen, Socket send, IPEndPoint target, TimeSpan delay, int capacity)
    {
        _listen = listen;
        _send = send;
        Target = target;
        Delay = delay;
        ListenEndPoint = (IPEndPoint)listen.LocalEndPoint!;
        _delayTicks = (long)(delay.TotalSeconds * Stopwatch.Frequency);
        _queue = new BlockingCollection<Pending>(new ConcurrentQueue<Pending>(), capacity);
        _receiving = Task.Run(() => ReceiveLoopAsync(_stop.Token));
        new Thread(ForwardLoop) { IsBackground = true, Name = $"relay {ListenEndPoint}" }.Start();
    }

    public IPEndPoint ListenEndPoint { get; }
    public IPEndPoint Target { get; }
    public TimeSpan Delay { get; }

    /// <summary>Datagrams that arrived.</summary>
    public long Received => Interlocked.Read(ref _received);
    /// <summary>Datagrams sent on to the target.</summary>
    public long Forwarded => Interlocked.Read(ref _forwarded);
    /// <summary>Datagrams lost in the relay: queue full, or the send failed.</summary>
    public long Dropped => Interlocked.Read(ref _dropped) + Interlocked.Read(ref _sendErrors);

    /// <summary>
    /// Starts a relay whose sockets live in namespace <paramref name="netns"/> (null: this process's): it binds
    /// <paramref name="listen"/> there (port 0: any free one) and reaches <paramref name="target"/> as seen from there.
    /// </summary>
    public static async Task<UdpDelayRelay> StartAsync(string? netns, IPEndPoint listen, IPEndPoint target, TimeSpan delay,
        int capacity = 4096, int receiveBufferBytes = 8 << 20)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfNegative(delay.Ticks);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        var (listenSocket, sendSocket) = await NamespaceSockets.CreateAsync(netns, () =>
        {
            var receiving = new Socket(listen.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            var sending = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                receiving.ReceiveBufferSize = receiveBufferBytes;
                receiving.Bind(listen);
                sending.SendBufferSize = receiveBufferBytes;
                sending.Bind(new IPEndPoint(target.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0));
                return (receiving, sending);
            }
            catch
            {
                receiving.Dispose();
                sending.Dispose();
                throw;
            }
        }).ConfigureAwait(false);
        return new UdpDelayRelay(listenSocket, sendSocket, target, delay, capacity);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _listen.Dispose();
        _send.Dispose();
        try
        {
            await Task.WhenAll(_receiving, _forwarding.Task).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
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
        finally
        {
            _queue.Dispose();
            _stop.Dispose();
        }
    }

    public override string ToString() => $"relay {ListenEndPoint} -> {Target} +{Delay.TotalMilliseconds} ms";

    private async Task ReceiveLoopAsync(CancellationToken ct)
    {
        var buffer = new byte[MaxDatagram];
        EndPoint any = new IPEndPoint(ListenEndPoint.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var result = await _listen.ReceiveFromAsync(buffer, SocketFlags.None, any, ct).ConfigureAwait(false);
                // The arrival time is taken first, so time spent copying counts toward the delay rather than adding to it.
                var arrived = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref _received);
                if (!_queue.TryAdd(new Pending(buffer.AsSpan(0, result.ReceivedBytes).ToArray(), arrived + _delayTicks)))
                {
                    Interlocked.Increment(ref _dropped);
                }
            }
        }
        finally
        {
            _queue.CompleteAdding();
        }
    }

    /// <summary>On the relay's own thread: blocking here holds up nothing else.</summary>
    private void ForwardLoop()
    {
        try
        {
            foreach (var pending in _queue.GetConsumingEnumerable(_stop.Token))
            {
                WaitUntil(pending.Due, _stop.Token);
                try
                {
                    _send.SendTo(pending.Data, SocketFlags.None, Target);
                    Interlocked.Increment(ref _forwarded);
                }
                catch (SocketException)
                {
                    // e.g. nothing listens at the target yet: that datagram is lost, as on a real network.
                    Interlocked.Increment(ref _sendErrors);
                }
            }

            _forwarding.TrySetResult();
        }
        catch (OperationCanceledException)
        {
            _forwarding.TrySetResult();
        }
        catch (ObjectDisposedException)
        {
            _forwarding.TrySetResult();
        }
        catch (Exception ex)
        {
            _forwarding.TrySetException(ex);
        }
    }

    /// <summary>Sleeps (nanosleep: to within ~0.1 ms, where Thread.Sleep rounds to whole ms) until the due time.</summary>
    private static void WaitUntil(long due, CancellationToken ct)
    {
        while (Stopwatch.GetTimestamp() is var now && now < due)
        {
            ct.ThrowIfCancellationRequested();
            LibC.Sleep(Stopwatch.GetElapsedTime(now, due));
        }
    }

    private readonly record struct Pending(byte[] Data, long Due);
}
