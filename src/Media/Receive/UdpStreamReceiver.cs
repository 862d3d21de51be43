using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ActorStream.Media.Measurement;
using ActorStream.Media.MpegTs;
using Microsoft.Extensions.Logging;

namespace ActorStream.Media.Receive;

/// <summary>
/// Receives an MPEG-TS stream sent as UDP datagrams of whole TS packets, measures it as it arrives (packets,
/// bytes, loss from continuity counters, video frames, time of the last arrival) and hands each datagram to
/// an output. The socket is bound at construction, so its port can be told to the sender before
/// <see cref="Start"/>. Counters are read from any thread; the loop itself is the only writer.
/// <para>
/// Given a <see cref="MulticastMembership"/> it receives a multicast group instead: its socket is bound to the group's
/// address and port (shared with other receivers of the group on this host) and joins it; disposing leaves it.
/// </para>
/// <para>
/// A socket error ends the loop with <see cref="Completion"/> faulted; whoever owns the receiver learns it there
/// and may <see cref="Restart"/> it on a new socket, with its counters, measurements and output carrying on.
/// </para>
/// <para>
/// Per video frame (on the datagram that carries its PES start) it also measures: frame gaps from the
/// decode timestamps, RFC 3550 jitter of those timestamps against arrival, and, once the seed's stream clock
/// is known (<see cref="SetStreamClock"/>), the latency from capture to arrival:
/// (arrival + <see cref="ClockOffset"/>) - capture time. Latencies outside [-1 s, 60 s] are discarded and
/// counted as unmapped, as are frames after a timestamp discontinuity (an encoder restart) until the next
/// <see cref="SetStreamClock"/>: an old mapping means nothing for the new run's timestamps.
/// </para>
/// </summary>
public sealed class UdpStreamReceiver : IAsyncDisposable
{
    // Larger than any UDP payload, so no datagram is ever truncated.
    private const int BufferSize = 65536;

    /// <summary>Latency samples kept between two drains; beyond, the oldest go.</summary>
    public const int MaxPendingLatencySamples = 10_000;

    private static readonly TimeSpan MinLatency = TimeSpan.FromSeconds(-1);
    private static readonly TimeSpan MaxLatency = TimeSpan.FromSeconds(60);

    private readonly IPEndPoint _bind;
    private readonly MulticastMembership? _membership;
    private readonly int _receiveBufferBytes;
    private readonly IStreamOutput _output;
    private readonly ILogger _logger;
    private readonly ContinuityCounterChecker _continuity = new();
    private readonly VideoFrameScanner _scanner = new();
    private readonly PtsUnwrapper _decodeTimes = new();
    private readonly FrameGapCounter _gaps = new();
    private readonly InterarrivalJitter _jitter = new();
    private readonly long _origin = Stopwatch.GetTimestamp();
    private readonly Lock _latencyLock = new();
    private readonly Queue<double> _latencies = new();
    private StreamClockMapping? _streamClock;
    // The loop's own: the mapping that was current when the timestamps last jumped (stale until replaced).
    private StreamClockMapping? _clockBeforeDiscontinuity;
    private long _clockOffsetTicks;
    private long _frameGaps;
    private long _decodeErrors;
    private double _jitterMs;
    private long _unmapped;
    private long _latencyDropped;
    private readonly CancellationTokenSource _stop = new();
    private Socket _socket;
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
        : this(bind, null, receiveBufferBytes, output, logger)
    {
    }

    /// <summary>Receives the multicast group of <paramref name="membership"/>, joined on its interface.</summary>
    /// <param name="membership">The group (address and port) and the local interface to join on.</param>
    /// <param name="receiveBufferBytes">SO_RCVBUF, as for unicast.</param>
    /// <param name="output">Where the received stream goes; the receiver owns and disposes it.</param>
    /// <exception cref="SocketException">The group's port cannot be bound, or the interface cannot join it.</exception>
    public UdpStreamReceiver(MulticastMembership membership, int receiveBufferBytes, IStreamOutput output, ILogger logger)
        : this((membership ?? throw new ArgumentNullException(nameof(membership))).Group, membership, receiveBufferBytes, output, logger)
    {
    }

    private UdpStreamReceiver(IPEndPoint bind, MulticastMembership? membership, int receiveBufferBytes, IStreamOutput output, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(bind);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(logger);
        _output = output;
        _logger = logger;
        _bind = bind;
        _membership = membership;
        _receiveBufferBytes = receiveBufferBytes;
        _socket = Bind();
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    /// <summary>The multicast group received, and the interface it was joined on; null for unicast.</summary>
    public MulticastMembership? Membership => _membership;

    /// <summary>Where the socket is bound; a <see cref="Restart"/> asked for port 0 gets a new one.</summary>
    public IPEndPoint LocalEndPoint { get; private set; }

    public IStreamOutput Output => _output;

    /// <summary>The kernel's receive buffer as granted (it may be less than asked for).</summary>
    public int ReceiveBufferSize => _socket.ReceiveBufferSize;

    /// <summary>
    /// The loop of the current socket: completes when it ends, after <see cref="DisposeAsync"/>, or faulted on a
    /// socket error.
    /// </summary>
    public Task Completion => Volatile.Read(ref _loop);

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
                _output.Drops,
                Interlocked.Read(ref _frameGaps),
                Interlocked.Read(ref _decodeErrors),
                Volatile.Read(ref _jitterMs),
                Interlocked.Read(ref _unmapped));
        }
    }

    /// <summary>
    /// The seed's clock minus this node's (settable any time, from any thread); added to arrival times. Clamped to
    /// ±<see cref="DateTime.MaxValue"/>'s ticks, so the latency sum cannot overflow whatever the estimate says.
    /// </summary>
    public TimeSpan ClockOffset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _clockOffsetTicks));
        set => Interlocked.Exchange(ref _clockOffsetTicks, Math.Clamp(value.Ticks, -DateTime.MaxValue.Ticks, DateTime.MaxValue.Ticks));
    }

    /// <summary>The stream clock in use; null before the first <see cref="SetStreamClock"/>.</summary>
    public StreamClockMapping? StreamClock => Volatile.Read(ref _streamClock);

    /// <summary>Latency samples dropped because nobody drained them in time.</summary>
    public long LatencySamplesDropped => Interlocked.Read(ref _latencyDropped);

    /// <summary>
    /// The seed's report that the frame with 33-bit PTS <paramref name="pts"/> was captured at
    /// <paramref name="captureUtc"/> (seed's clock). The latest report wins. Thread-safe.
    /// </summary>
    public void SetStreamClock(long pts, DateTime captureUtc) =>
        Volatile.Write(ref _streamClock, new StreamClockMapping(pts, captureUtc));

    /// <summary>The latency samples (milliseconds, arrival order) since the previous drain. Thread-safe.</summary>
    public double[] DrainLatencySamples()
    {
        lock (_latencyLock)
        {
            var samples = _latencies.ToArray();
            _latencies.Clear();
            return samples;
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
        StartLoop();
    }

    /// <summary>
    /// After the loop failed (and closed its socket): binds a new socket where the first was asked for (port 0: a new
    /// free one) and receives on it. Throws what binding throws (the port was taken meanwhile), leaving the receiver
    /// stopped, so that it can be tried again later. Not to be called while <see cref="DisposeAsync"/> runs.
    /// </summary>
    public void Restart()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Volatile.Read(ref _started) == 0 || !Completion.IsCompleted)
        {
            throw new InvalidOperationException("only a receiver whose loop has ended can be restarted");
        }

        _socket = Bind();
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        StartLoop();
    }

    /// <summary>Stops receiving, leaves the multicast group, closes the socket, and disposes the output.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_membership is not null)
        {
            try
            {
                // Said at once (closing would leave too): from here on nothing more of the group is delivered to it.
                _membership.Leave(_socket);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // A failed socket was closed by its loop, which left the group with it.
            }
        }

        _socket.Dispose();
        try
        {
            await Completion.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The loop was already reported as ended; closing is all that is left.
        }

        await _output.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private Socket Bind()
    {
        if (_membership is not null)
        {
            var joined = _membership.Open(_receiveBufferBytes);
            _logger.LogDebug("Receiving group {Group} joined on {Interface}, receive buffer {Buffer} bytes",
                _membership.GroupText, _membership.Interface, joined.ReceiveBufferSize);
            return joined;
        }

        var socket = new Socket(_bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (_receiveBufferBytes > 0)
            {
                socket.ReceiveBufferSize = _receiveBufferBytes;
            }

            socket.Bind(_bind);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _logger.LogDebug("Receiving on {Endpoint}, receive buffer {Buffer} bytes", socket.LocalEndPoint, socket.ReceiveBufferSize);
        return socket;
    }

    private void StartLoop()
    {
        var socket = _socket;
        Volatile.Write(ref _loop, Task.Run(() => ReceiveLoopAsync(socket, _stop.Token)));
    }

    private async Task ReceiveLoopAsync(Socket socket, CancellationToken token)
    {
        var buffer = new byte[BufferSize];
        try
        {
            while (!token.IsCancellationRequested)
            {
                var length = await socket.ReceiveAsync(buffer, SocketFlags.None, token).ConfigureAwait(false);
                var now = DateTime.UtcNow;
                var arrival = Stopwatch.GetElapsedTime(_origin);
                var data = buffer.AsMemory(0, length);
                Measure(data.Span, now, arrival);
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
        catch (Exception) when (!token.IsCancellationRequested)
        {
            // Failed: the socket goes at once, so that a restart can bind its port again; Completion says why.
            socket.Dispose();
            throw;
        }
    }

    /// <param name="now">Wall-clock arrival, for latency (compared with the seed's capture clock).</param>
    /// <param name="arrival">Monotonic arrival, for jitter (wall-clock steps must not look like jitter).</param>
    private void Measure(ReadOnlySpan<byte> datagram, DateTime now, TimeSpan arrival)
    {
        var lostBefore = _continuity.Lost;
        var invalidBefore = _continuity.Invalid;
        var transportErrorsBefore = _continuity.TransportErrors;
        var malformedBefore = _scanner.MalformedHeaders;
        _continuity.AddChunk(datagram);
        var starts = _scanner.Scan(datagram);
        var started = starts.Count;
        for (var i = 0; i < starts.Count; i++)
        {
            MeasureFrame(starts[i].Timestamps, now, arrival);
        }

        var decodeErrors = (_continuity.Invalid - invalidBefore) + (_continuity.TransportErrors - transportErrorsBefore)
            + (_scanner.MalformedHeaders - malformedBefore);
        if (decodeErrors > 0)
        {
            Interlocked.Add(ref _decodeErrors, decodeErrors);
        }

        Interlocked.Increment(ref _datagrams);
        Interlocked.Add(ref _packets, (datagram.Length + TsPacket.Size - 1) / TsPacket.Size);
        Interlocked.Add(ref _bytes, datagram.Length);
        Interlocked.Add(ref _lost, _continuity.Lost - lostBefore);
        Interlocked.Add(ref _invalid, _continuity.Invalid - invalidBefore);
        Interlocked.Add(ref _frameCount, started);
        Interlocked.Exchange(ref _lastArrivalTicks, now.Ticks);
    }

    private void MeasureFrame(PesTimestamps timestamps, DateTime now, TimeSpan arrival)
    {
        if (timestamps.DecodeTime is not { } decodeTime)
        {
            return;
        }

        // Decode order: with B-frames the PTS goes back and forth, the DTS only forward.
        var extended = _decodeTimes.Unwrap(decodeTime);
        var missingBefore = _gaps.Missing;
        if (_gaps.Add(extended) == FrameStep.Discontinuity)
        {
            // New timestamps (encoder restart): one difference across the break would be a huge false jitter.
            _jitter.ForgetPrevious();

            // And the clock in use maps the old run's timestamps: a run shorter than MaxLatency would yield false
            // latencies that pass the range check. Wait for the new run's report (a new mapping object).
            _clockBeforeDiscontinuity = Volatile.Read(ref _streamClock);
        }

        var missing = _gaps.Missing - missingBefore;
        if (missing > 0)
        {
            Interlocked.Add(ref _frameGaps, missing);
        }

        _jitter.Add(arrival, extended);
        Volatile.Write(ref _jitterMs, _jitter.JitterMs);

        if (timestamps.Pts is not { } pts || Volatile.Read(ref _streamClock) is not { } clock)
        {
            return;
        }

        if (ReferenceEquals(clock, _clockBeforeDiscontinuity))
        {
            Interlocked.Increment(ref _unmapped);
            return;
        }

        // In ticks, not DateTime: the clock and the offset come from other nodes, and DateTime arithmetic throws
        // out of range, which would end this loop. now and |offset| are at most DateTime.MaxValue.Ticks (3.2e18) and
        // capture is at most half a day outside [0, that], so the sum stays within ±6.4e18, inside a long.
        var latencyTicks = now.Ticks + Interlocked.Read(ref _clockOffsetTicks) - clock.CaptureTicksOf(pts);
        if (latencyTicks < MinLatency.Ticks || latencyTicks > MaxLatency.Ticks)
        {
            Interlocked.Increment(ref _unmapped);
            return;
        }

        var latency = TimeSpan.FromTicks(latencyTicks);

        lock (_latencyLock)
        {
            if (_latencies.Count >= MaxPendingLatencySamples)
            {
                _latencies.Dequeue();
                Interlocked.Increment(ref _latencyDropped);
            }

            _latencies.Enqueue(latency.TotalMilliseconds);
        }
    }
}
