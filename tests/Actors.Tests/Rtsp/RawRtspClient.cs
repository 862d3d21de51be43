using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace ActorStream.Actors.Tests.Rtsp;

/// <summary>One RTSP response as a raw client read it.</summary>
/// <param name="FramesBefore">Interleaved frames the client had read before this response.</param>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body, long FramesBefore = 0)
{
    public string? this[string name] => Headers.TryGetValue(name, out var v) ? v : null;

    public string? SessionId => this["Session"]?.Split(';')[0];

    public override string ToString() => $"{Status} {string.Join("; ", Headers.Select(h => $"{h.Key}: {h.Value}"))}";
}

/// <summary>
/// A hand-written RTSP client on a real TCP socket: sends whatever bytes a test wants (well-formed or hostile) and
/// reads responses and interleaved frames in the background. Reading can be stopped to play a client that stalls.
/// </summary>
public sealed class RawRtspClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Channel<RawResponse> _responses = Channel.CreateUnbounded<RawResponse>();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _reading = new(1, 1);
    private readonly Task _reader;
    private long _frames;
    private int _cseq;

    private RawRtspClient(Socket socket, int port)
    {
        _socket = socket;
        Url = $"rtsp://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        _reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>rtsp://127.0.0.1:PORT (no path).</summary>
    public string Url { get; }

    /// <summary>Interleaved '$' frames received.</summary>
    public long Frames => Interlocked.Read(ref _frames);

    public Task Closed => _closed.Task;

    public static async Task<RawRtspClient> ConnectAsync(int port, int? receiveBuffer = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        if (receiveBuffer is { } size) socket.ReceiveBufferSize = size;
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        return new RawRtspClient(socket, port);
    }

    public async Task SendAsync(byte[] bytes)
    {
        try
        {
            await _socket.SendAsync(bytes, SocketFlags.None);
        }
        catch (SocketException)
        {
            // The server may close while a hostile request is still being sent; what it answered is read anyway.
        }
    }

    public Task SendAsync(string text) => SendAsync(Encoding.ASCII.GetBytes(text));

    /// <summary>Sends a request with the next CSeq and waits for its response.</summary>
    public async Task<RawResponse> RequestAsync(string method, string url, params string[] headers)
    {
        var text = new StringBuilder($"{method} {url} RTSP/1.0\r\nCSeq: {++_cseq}\r\n");
        foreach (var h in headers) text.Append(h).Append("\r\n");
        text.Append("\r\n");
        await SendAsync(text.ToString());
        return await NextResponseAsync();
    }

    public async Task<RawResponse> NextResponseAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        try
        {
            return await _responses.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("no RTSP response in time");
        }
        catch (ChannelClosedException)
        {
            throw new IOException("the server closed the connection without a response");
        }
    }

    /// <summary>Stops reading the socket (the server's data piles up in its queue), as a stalled client does.</summary>
    public Task StopReadingAsync() => _reading.WaitAsync();

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[256 * 1024];
        var length = 0;
        try
        {
            while (true)
            {
                await _reading.WaitAsync(_stop.Token);
                _reading.Release();
                if (length == buffer.Length) throw new IOException("response too large for the test client");
                var n = await _socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, _stop.Token);
                if (n == 0) break;
                length += n;
                var used = Parse(buffer.AsSpan(0, length));
                Buffer.BlockCopy(buffer, used, buffer, 0, length - used);
                length -= used;
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            _responses.Writer.TryComplete();
            _closed.TrySetResult();
        }
    }

    private int Parse(ReadOnlySpan<byte> data)
    {
        var used = 0;
        while (used < data.Length)
        {
            var rest = data[used..];
            if (rest[0] == '$')
            {
                if (rest.Length < 4) break;
                var size = BinaryPrimitives.ReadUInt16BigEndian(rest[2..]);
                if (rest.Length < 4 + size) break;
                Interlocked.Increment(ref _frames);
                used += 4 + size;
                continue;
            }

            var end = rest.IndexOf("\r\n\r\n"u8);
            if (end < 0) break;
            var head = Encoding.ASCII.GetString(rest[..end]).Split("\r\n");
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in head.Skip(1))
            {
                var colon = line.IndexOf(':');
                var name = line[..colon];
                var value = line[(colon + 1)..].Trim();
                headers[name] = headers.TryGetValue(name, out var earlier) ? earlier + "\n" + value : value;
            }

            var bodyLength = headers.TryGetValue("Content-Length", out var cl) ? int.Parse(cl, CultureInfo.InvariantCulture) : 0;
            if (rest.Length < end + 4 + bodyLength) break;
            var body = Encoding.UTF8.GetString(rest.Slice(end + 4, bodyLength));
            var status = int.Parse(head[0].Split(' ')[1], CultureInfo.InvariantCulture);
            _responses.Writer.TryWrite(new RawResponse(status, headers, body, Interlocked.Read(ref _frames)));
            used += end + 4 + bodyLength;
        }

        return used;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        try
        {
            await _reader.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
        }

        _stop.Dispose();
    }
}

/// <summary>A client's two UDP sockets (RTP even, RTCP above it) on loopback, counting what arrives.</summary>
public sealed class RawUdpReceiver : IDisposable
{
    private readonly Socket _rtp;
    private readonly Socket _rtcp;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<byte[]> _rtcpPackets = new();
    private readonly Lock _gate = new();
    private long _rtpPackets;
    private long _firstRtpTicks;

    private RawUdpReceiver(Socket rtp, Socket rtcp)
    {
        _rtp = rtp;
        _rtcp = rtcp;
        Port = ((IPEndPoint)rtp.LocalEndPoint!).Port;
        _ = CountAsync(_rtp, _ =>
        {
            if (Interlocked.Increment(ref _rtpPackets) == 1) Interlocked.Exchange(ref _firstRtpTicks, DateTime.UtcNow.Ticks);
        });
        _ = CountAsync(_rtcp, packet =>
        {
            lock (_gate) _rtcpPackets.Add(packet);
        });
    }

    public int Port { get; }

    public long RtpPackets => Interlocked.Read(ref _rtpPackets);

    /// <summary>When the first RTP datagram arrived, or null before.</summary>
    public DateTime? FirstRtpUtc => Interlocked.Read(ref _firstRtpTicks) is var t and > 0 ? new DateTime(t, DateTimeKind.Utc) : null;

    public IReadOnlyList<byte[]> RtcpPackets
    {
        get
        {
            lock (_gate) return _rtcpPackets.ToList();
        }
    }

    public string ClientPort => string.Create(CultureInfo.InvariantCulture, $"{Port}-{Port + 1}");

    public static RawUdpReceiver Open()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)probe.LocalEndPoint!).Port & ~1;
            probe.Dispose();
            var rtp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            var rtcp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                rtp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                rtcp.Bind(new IPEndPoint(IPAddress.Loopback, port + 1));
                return new RawUdpReceiver(rtp, rtcp);
            }
            catch (SocketException)
            {
                rtp.Dispose();
                rtcp.Dispose();
            }
        }

        throw new InvalidOperationException("no free even UDP port pair on loopback");
    }

    /// <summary>Sends a datagram from the RTCP socket (a receiver report) to <paramref name="to"/>.</summary>
    public Task SendRtcpAsync(byte[] datagram, IPEndPoint to) => _rtcp.SendToAsync(datagram, SocketFlags.None, to);

    private async Task CountAsync(Socket socket, Action<byte[]> received)
    {
        var buffer = new byte[65536];
        try
        {
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                received(buffer.AsSpan(0, n).ToArray());
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _rtp.Dispose();
        _rtcp.Dispose();
        _stop.Dispose();
    }
}
