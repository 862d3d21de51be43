using System.Net;
using System.Net.Sockets;
using ActorStream.Media.MpegTs;
using Microsoft.Extensions.Logging;

namespace ActorStream.Media.Receive;

/// <summary>
/// Receives an MPEG-TS stream sent as UDP datagrams of whole TS packets, measures it as it arrives (packets,
/// bytes, loss from continuity counters, video frames, time of the last arrival) and hands each datagram to
/// an output. The socket is bound at construction, so its port can be told to the sender before
/// <see cref="Start"/>. Counters are read from any thread; the loop itself is the only writer.
/// </summary>
public sealed class UdpStreamReceiver : IAsyncDisposable
{
    // Larger than any UDP payload, so no datagram is ever truncated.
    private const int BufferSize = 65536;

    private readonly Socket _socket;
    private readonly IStreamOutput _output;
    private readonly ILogger _logger;
    private readonly ContinuityCounterChecker _continuity = new();
    private readonly VideoFrameCounter _frames = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private long _datagrams;
    private long _packets;
    private long _bytes;
    private long _lost;
    private long _invalid;
    private long _frameCount;
    private long _lastArrivalTicks;
    private long _outputFailures;
    private int _started;
    private int _disposed;

    /// <param name="bind">Local address and port (0: a free one).</param>
    /// <param name="receiveBufferBytes">SO_RCVBUF: large, so a busy moment does not overflow the kernel's queue (capped by net.core.rmem_max).</param>
    /// <param name="output">Where the received stream goes; the receiver owns and disposes it.</param>
    public UdpStreamReceiver(IPEndPoint bind, int receiveBufferBytes, IStreamOutput output, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(bind);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(logger);
        _output = output;
        _logger = logger;
        _socket = new Socket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (receiveBufferBytes > 0)
            {
                _socket.ReceiveBufferSize = receiveBufferBytes;
            }

            _socket.Bind(bind);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }

        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _logger.LogDebug("Receiving on {Endpoint}, receive buffer {Buffer} bytes", LocalEndPoint, _socket.ReceiveBufferSize);
    }

    public IPEndPoint LocalEndPoint { get; }

    public IStreamOutput Output => _output;

    /// <summary>The kernel's receive buffer as granted (it may be less than asked for).</summary>
    public int ReceiveBufferSize => _socket.ReceiveBufferSize;

    /// <summary>Completes when the loop ends (after <see cref="DisposeAsync"/>, or faulted on a socket error).</summary>
    public Task Completion => _loop;

    public ReceiveCounters Counters
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastArrivalTicks);
            return new ReceiveCounters(
                Interlocked.Read(ref _datagrams),
                Interlocked.Read(ref _packets),
                Interlocked.Read(ref _bytes),
                Interlocked.Read(ref _lost),
                Interlocked.Read(ref _invalid),
                Interlocked.Read(ref _frameCount),
                ticks == 0 ? null : new DateTime(ticks, DateTimeKind.Utc),
                _output.Errors + Interlocked.Read(ref _outputFailures),
                _output.Drops);
        }
    }

    /// <summary>Starts the receive loop (once).</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            return;
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _loop = Task.Run(() => ReceiveLoopAsync(_stop.Token));
    }

    /// <summary>Stops receiving, closes the socket, and disposes the output.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The loop was already reported as ended; closing is all that is left.
        }

        await _output.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task ReceiveLoopAsync(CancellationToken token)
    {
        var buffer = new byte[BufferSize];
        try
        {
            while (!token.IsCancellationRequested)
            {
                var length = await _socket.ReceiveAsync(buffer, SocketFlags.None, token).ConfigureAwait(false);
                var now = DateTime.UtcNow;
                var data = buffer.AsMemory(0, length);
                Measure(data.Span, now);
                try
                {
                    await _output.WriteAsync(data, token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // An output's failure is its own: counted, and receiving goes on.
                    var failures = Interlocked.Increment(ref _outputFailures);
                    if (failures <= 3)
                    {
                        _logger.LogError(ex, "Output {Output} failed", _output.Description);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException) when (token.IsCancellationRequested)
        {
        }
        catch (SocketException) when (token.IsCancellationRequested)
        {
        }
    }

    private void Measure(ReadOnlySpan<byte> datagram, DateTime now)
    {
        var lostBefore = _continuity.Lost;
        var invalidBefore = _continuity.Invalid;
        _continuity.AddChunk(datagram);
        var started = _frames.Count(datagram);
        Interlocked.Increment(ref _datagrams);
        Interlocked.Add(ref _packets, (datagram.Length + TsPacket.Size - 1) / TsPacket.Size);
        Interlocked.Add(ref _bytes, datagram.Length);
        Interlocked.Add(ref _lost, _continuity.Lost - lostBefore);
        Interlocked.Add(ref _invalid, _continuity.Invalid - invalidBefore);
        Interlocked.Add(ref _frameCount, started);
        Interlocked.Exchange(ref _lastArrivalTicks, now.Ticks);
    }
}
