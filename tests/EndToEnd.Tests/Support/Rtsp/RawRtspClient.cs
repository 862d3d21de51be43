using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace ActorStream.EndToEnd.Tests.Support.Rtsp;

/// <summary>
/// An RTSP client of the test's own over a plain TCP socket: it writes exactly the bytes a test gives (well-formed
/// requests, or hostile ones) and reads what the server answers, responses and "$" interleaved frames alike, on a
/// loop of its own. For the checks real players cannot make: what arrives while PAUSEd, after TEARDOWN, after
/// garbage. Every wait is bounded; disposing closes the socket.
/// </summary>
public sealed class RawRtspClient : IAsyncDisposable
{
    /// <summary>Long enough for a busy 2-core box; a server answers in milliseconds.</summary>
    public static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(10);

    private readonly Socket _socket;
    private readonly Channel<RtspReply> _replies = Channel.CreateUnbounded<RtspReply>();
    private readonly List<InterleavedFrame> _frames = [];
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _reading = new(1, 1);
    private readonly Task _loop;
    private int _cseq;
    private string? _protocolError;
    private long _lastRequestAt;

    private RawRtspClient(Socket socket, Uri baseUri)
    {
        _socket = socket;
        BaseUri = baseUri;
        _loop = ReadLoopAsync();
    }

    public Uri BaseUri { get; }

    /// <summary>This end's TCP port (to find the connection in `ss`).</summary>
    public int LocalPort => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    /// <summary>The Authorization header value sent with every request (null: none).</summary>
    public string? Authorization { get; set; }

    /// <summary>The session id learned from the last SETUP answer, sent with later requests.</summary>
    public string? Session { get; set; }

    /// <summary>Completes when the server closed the connection (or reset it).</summary>
    public Task Closed => _closed.Task;

    public bool IsClosed => _closed.Task.IsCompleted;

    /// <summary>When the last request was sent (Stopwatch timestamp; 0 before any).</summary>
    public long LastRequestAt => Interlocked.Read(ref _lastRequestAt);

    /// <summary>What the reader found that was neither a response nor a "$" frame (null: nothing).</summary>
    public string? ProtocolError => Volatile.Read(ref _protocolError);

    public IReadOnlyList<InterleavedFrame> Frames
    {
        get
        {
            lock (_frames)
            {
                return _frames.ToList();
            }
        }
    }

    /// <summary>Connects to the host and port of <paramref name="uri"/> (rtsp://HOST:PORT/...).</summary>
    /// <param name="receiveBuffer">SO_RCVBUF set before connecting (small: a client that is quickly "full").</param>
    public static async Task<RawRtspClient> ConnectAsync(Uri uri, CancellationToken cancellationToken, int? receiveBuffer = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (receiveBuffer is { } size)
            {
                socket.ReceiveBufferSize = size;
            }

            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(ReplyTimeout);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Parse(uri.Host), uri.Port), bounded.Token).ConfigureAwait(false);
            return new RawRtspClient(socket, uri);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Frames of one channel since <paramref name="since"/> (a Stopwatch timestamp).</summary>
    public int FramesSince(long since, byte channel)
    {
        lock (_frames)
        {
            return _frames.Count(f => f.Timestamp >= since && f.Channel == channel);
        }
    }

    /// <summary>Stops reading the socket (a client that has stopped reading), or reads again.</summary>
    public async Task StopReadingAsync(CancellationToken cancellationToken) => await _reading.WaitAsync(cancellationToken).ConfigureAwait(false);

    public void ResumeReading() => _reading.Release();

    /// <summary>Sends METHOD URL with CSeq, Session and Authorization (when set) and these headers; returns the answer.</summary>
    public async Task<RtspReply> RequestAsync(string method, string url, CancellationToken cancellationToken,
        IEnumerable<(string Name, string Value)>? headers = null, string? body = null)
    {
        var cseq = Interlocked.Increment(ref _cseq);
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{method} {url} RTSP/1.0\r\nCSeq: {cseq}\r\nUser-Agent: ActorStream-e2e\r\n");
        if (Session is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"Session: {Session}\r\n");
        }

        if (Authorization is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"Authorization: {Authorization}\r\n");
        }

        foreach (var (name, value) in headers ?? [])
        {
            text.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        var bodyBytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        if (bodyBytes.Length > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"Content-Length: {bodyBytes.Length}\r\n");
        }

        text.Append("\r\n");
        await SendRawAsync(Encoding.ASCII.GetBytes(text.ToString()).Concat(bodyBytes).ToArray(), cancellationToken).ConfigureAwait(false);
        Interlocked.Exchange(ref _lastRequestAt, Stopwatch.GetTimestamp());
        var reply = await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        return reply.CSeq == cseq ? reply : throw new InvalidOperationException($"{method}: answer to CSeq {cseq} carries CSeq {reply.CSeq}: {reply}");
    }

    /// <summary>Writes bytes as they are (a hostile request, a partial one).</summary>
    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(ReplyTimeout);
        var sent = 0;
        while (sent < bytes.Length)
        {
            sent += await _socket.SendAsync(bytes[sent..], SocketFlags.None, bounded.Token).ConfigureAwait(false);
        }
    }

    /// <summary>The next response; a TimeoutException when none comes in time, an IOException when the server closed first.</summary>
    public async Task<RtspReply> ReadReplyAsync(CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout ?? ReplyTimeout);
        try
        {
            return await _replies.Reader.ReadAsync(bounded.Token).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new IOException($"the server closed the connection before answering{(ProtocolError is { } e ? $" ({e})" : "")}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no RTSP answer within {(timeout ?? ReplyTimeout).TotalSeconds:0.#} s");
        }
    }

    /// <summary>The next response, or null when the server closed the connection instead (either is a refusal).</summary>
    public async Task<RtspReply?> ReplyOrCloseAsync(CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        try
        {
            return await ReadReplyAsync(cancellationToken, timeout).ConfigureAwait(false);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>DESCRIBE; the SDP when the answer is 200, else an exception quoting the answer.</summary>
    public async Task<RtspReply> DescribeAsync(CancellationToken cancellationToken) =>
        await RequestAsync("DESCRIBE", BaseUri.ToString(), cancellationToken, [("Accept", "application/sdp")]).ConfigureAwait(false);

    /// <summary>The control URL of media <paramref name="index"/> of an SDP (a=control, relative to Content-Base or the URL).</summary>
    public static string ControlUrl(RtspReply describe, Uri requestUri, int index)
    {
        var lines = describe.Body.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var media = -1;
        string? control = null;
        foreach (var line in lines)
        {
            if (line.StartsWith("m=", StringComparison.Ordinal))
            {
                media++;
            }
            else if (media == index && line.StartsWith("a=control:", StringComparison.Ordinal))
            {
                control = line["a=control:".Length..].Trim();
                break;
            }
        }

        if (control is null)
        {
            throw new InvalidOperationException($"no a=control for media {index} in: {describe.Body}");
        }

        if (control.StartsWith("rtsp://", StringComparison.OrdinalIgnoreCase))
        {
            return control;
        }

        var baseText = describe.Header("Content-Base") ?? describe.Header("Content-Location") ?? requestUri.ToString();
        if (control == "*")
        {
            return baseText;
        }

        return baseText.EndsWith('/') ? baseText + control : $"{baseText}/{control}";
    }

    /// <summary>SETUP of <paramref name="controlUrl"/> with this Transport; remembers the session of a 200 answer.</summary>
    public async Task<RtspReply> SetupAsync(string controlUrl, string transport, CancellationToken cancellationToken)
    {
        var reply = await RequestAsync("SETUP", controlUrl, cancellationToken, [("Transport", transport)]).ConfigureAwait(false);
        if (reply.Status == 200 && reply.SessionId is { } id)
        {
            Session = id;
        }

        return reply;
    }

    /// <summary>PLAY, PAUSE, TEARDOWN, GET_PARAMETER ... of the aggregate URL.</summary>
    public Task<RtspReply> SessionRequestAsync(string method, CancellationToken cancellationToken, IEnumerable<(string, string)>? headers = null) =>
        RequestAsync(method, BaseUri.ToString(), cancellationToken, headers);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }

        _stop.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var pending = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await _reading.WaitAsync(_stop.Token).ConfigureAwait(false);
                int read;
                try
                {
                    read = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token).ConfigureAwait(false);
                }
                finally
                {
                    _reading.Release();
                }

                if (read == 0)
                {
                    break;
                }

                pending.Write(buffer, 0, read);
                var consumed = Parse(pending.GetBuffer().AsSpan(0, (int)pending.Length));
                if (consumed < 0)
                {
                    break;
                }

                var rest = pending.GetBuffer().AsSpan((int)consumed, (int)(pending.Length - consumed)).ToArray();
                pending.SetLength(0);
                pending.Write(rest);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            _replies.Writer.TryComplete();
            _closed.TrySetResult();
        }
    }

    /// <summary>Takes every whole response and frame off the front of <paramref name="data"/>; returns the bytes used, -1 on garbage.</summary>
    private long Parse(ReadOnlySpan<byte> data)
    {
        var used = 0;
        while (used < data.Length)
        {
            var rest = data[used..];
            if (rest[0] == (byte)'$')
            {
                if (rest.Length < 4)
                {
                    break;
                }

                var length = (rest[2] << 8) | rest[3];
                if (rest.Length < 4 + length)
                {
                    break;
                }

                lock (_frames)
                {
                    _frames.Add(new InterleavedFrame(Stopwatch.GetTimestamp(), rest[1], rest.Slice(4, length).ToArray()));
                }

                used += 4 + length;
                continue;
            }

            var end = rest.IndexOf("\r\n\r\n"u8);
            if (end < 0)
            {
                if (rest.Length >= 5 && !rest[..5].SequenceEqual("RTSP/"u8))
                {
                    Volatile.Write(ref _protocolError, $"neither a response nor a frame: {Encoding.ASCII.GetString(rest[..Math.Min(40, rest.Length)])}");
                    return -1;
                }

                break;
            }

            var head = Encoding.UTF8.GetString(rest[..end]).Split("\r\n");
            var headers = new List<KeyValuePair<string, string>>();
            foreach (var line in head.Skip(1))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
                }
            }

            var contentLength = headers.Where(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                .Select(h => int.Parse(h.Value, CultureInfo.InvariantCulture)).FirstOrDefault();
            if (rest.Length < end + 4 + contentLength)
            {
                break;
            }

            var statusLine = head[0].Split(' ', 3);
            if (statusLine.Length < 2 || !statusLine[0].StartsWith("RTSP/", StringComparison.Ordinal)
                || !int.TryParse(statusLine[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            {
                Volatile.Write(ref _protocolError, $"not a status line: {head[0]}");
                return -1;
            }

            var body = Encoding.UTF8.GetString(rest.Slice(end + 4, contentLength));
            _replies.Writer.TryWrite(new RtspReply(statusLine[0], status, statusLine.Length > 2 ? statusLine[2] : "", headers, body));
            used += end + 4 + contentLength;
        }

        return used;
    }
}
