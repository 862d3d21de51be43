using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace ActorStream.Media.Rtsp;

/// <summary>
/// The client side of one RTSP/1.0 connection (RFC 2326): writes requests with CSeq (and Session once SETUP gave
/// one), matches responses to them, hands '$'-interleaved frames to a callback, and answers a 401 once with the
/// credentials (Digest, SHA-256 before MD5, else Basic), then keeps authorizing every request. Reading runs on a
/// loop of its own; requests may be sent from any task. Credentials are never logged.
/// </summary>
public sealed class RtspClient : IAsyncDisposable
{
    private const string UserAgent = "ActorStream";
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly RtspCredentials? _credentials;
    private readonly Func<InterleavedFrame, ValueTask> _onFrame;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Lock _lock = new();
    private readonly Dictionary<int, TaskCompletionSource<RtspReply>> _pending = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly string _cnonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
    private readonly Task _reading;
    private int _cseq;
    private DigestChallenge? _digest;
    private int _nonceCount;
    private bool _basic;
    private Exception? _closedBecause;

    private RtspClient(TcpClient tcp, RtspCredentials? credentials, TimeSpan requestTimeout, Func<InterleavedFrame, ValueTask> onFrame, ILogger log)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _credentials = credentials;
        _onFrame = onFrame;
        _log = log;
        RequestTimeout = requestTimeout;
        RemoteEndPoint = (IPEndPoint)tcp.Client.RemoteEndPoint!;
        LocalEndPoint = (IPEndPoint)tcp.Client.LocalEndPoint!;
        _reading = Task.Run(ReadLoopAsync);
    }

    public IPEndPoint RemoteEndPoint { get; }

    public IPEndPoint LocalEndPoint { get; }

    public TimeSpan RequestTimeout { get; }

    /// <summary>The session SETUP established; null before.</summary>
    public string? SessionId { get; private set; }

    /// <summary>The session's timeout in seconds as the server gave it (RFC 2326 default 60).</summary>
    public int SessionTimeoutSeconds { get; private set; } = 60;

    /// <summary>Completes when the connection ends (the server closed it, or it broke, or this client was disposed).</summary>
    public Task Closed => _reading;

    /// <summary>Why the connection ended, when it did on its own; null while open or after dispose.</summary>
    public Exception? ClosedBecause => Volatile.Read(ref _closedBecause);

    /// <summary>Connects to the URL's host and port.</summary>
    /// <param name="onFrame">Called, on the reading loop, with every interleaved frame (RTP and RTCP over TCP).</param>
    /// <exception cref="RtspClientException">The server cannot be reached in time.</exception>
    public static async Task<RtspClient> ConnectAsync(RtspUrl url, RtspCredentials? credentials, TimeSpan timeout,
        Func<InterleavedFrame, ValueTask> onFrame, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(onFrame);
        ArgumentNullException.ThrowIfNull(log);
        var tcp = new TcpClient { NoDelay = true };
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            await tcp.ConnectAsync(url.Host, url.Port, bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            tcp.Dispose();
            throw new RtspClientException($"Cannot connect to {url.Host}:{url.Port}: no answer within {timeout.TotalSeconds:0} s.");
        }
        catch (SocketException ex)
        {
            tcp.Dispose();
            throw new RtspClientException($"Cannot connect to {url.Host}:{url.Port}: {ex.Message}", ex);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }

        return new RtspClient(tcp, credentials, timeout, onFrame, log);
    }

    /// <summary>
    /// Sends a request and returns the response, whatever its status (after one retry with credentials on 401).
    /// </summary>
    /// <exception cref="RtspClientException">No answer in time, or the connection closed.</exception>
    public async Task<RtspReply> SendAsync(string method, string uri, IReadOnlyList<KeyValuePair<string, string>>? headers,
        CancellationToken cancellationToken)
    {
        var reply = await ExchangeAsync(method, uri, headers, cancellationToken).ConfigureAwait(false);
        if (reply.StatusCode == RtspStatus.Unauthorized && _credentials is not null && TakeChallenge(reply))
        {
            reply = await ExchangeAsync(method, uri, headers, cancellationToken).ConfigureAwait(false);
        }

        return reply;
    }

    /// <summary>As <see cref="SendAsync"/>, but a status other than 2xx throws, naming the status and reason.</summary>
    /// <exception cref="RtspClientException">The server refused, did not answer in time, or closed the connection.</exception>
    public async Task<RtspReply> RequestAsync(string method, string uri, IReadOnlyList<KeyValuePair<string, string>>? headers,
        CancellationToken cancellationToken)
    {
        var reply = await SendAsync(method, uri, headers, cancellationToken).ConfigureAwait(false);
        if (reply.IsSuccess)
        {
            return reply;
        }

        var hint = reply.StatusCode == RtspStatus.Unauthorized
            ? _credentials is null ? " (the server wants a user and password: --user and --password)" : " (wrong user or password)"
            : "";
        throw new RtspClientException($"{method} {uri}: the server answered {reply.StatusCode} {reply.Reason}{hint}", reply.StatusCode);
    }

    /// <summary>Takes the session id and timeout from a SETUP answer's Session header.</summary>
    /// <exception cref="RtspClientException">The answer has no usable Session header.</exception>
    public void TakeSession(RtspReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (!SessionHeader.TryParse(reply.Headers["Session"], out var session, out var error))
        {
            throw new RtspClientException($"SETUP answer: {error}");
        }

        if (SessionId is not null && SessionId != session!.Id)
        {
            throw new RtspClientException($"SETUP answer names session {session.Id}, not this client's {SessionId}");
        }

        SessionId = session!.Id;
        SessionTimeoutSeconds = session.TimeoutSeconds ?? 60;
    }

    /// <summary>Sends a '$'-framed packet (an RTCP receiver report over TCP).</summary>
    public async Task SendInterleavedAsync(byte channel, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (data.Length > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(data), data.Length, "An interleaved frame holds at most 65535 bytes.");
        }

        var frame = new byte[4 + data.Length];
        frame[0] = (byte)'$';
        frame[1] = channel;
        frame[2] = (byte)(data.Length >> 8);
        frame[3] = (byte)data.Length;
        data.Span.CopyTo(frame.AsSpan(4));
        await WriteAsync(frame, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _tcp.Dispose();
        try
        {
            await _reading.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
        }

        _stop.Dispose();
        _writeLock.Dispose();
    }

    private async Task<RtspReply> ExchangeAsync(string method, string uri, IReadOnlyList<KeyValuePair<string, string>>? headers,
        CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource<RtspReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        int cseq;
        lock (_lock)
        {
            if (_closedBecause is { } closed)
            {
                throw new RtspClientException($"{method}: {closed.Message}", closed);
            }

            cseq = ++_cseq;
            _pending[cseq] = waiter;
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{method} {uri} RTSP/1.0\r\nCSeq: {cseq}\r\nUser-Agent: {UserAgent}\r\n");
        if (SessionId is not null)
        {
            text.Append("Session: ").Append(SessionId).Append("\r\n");
        }

        if (Authorization(method, uri) is { } authorization)
        {
            text.Append("Authorization: ").Append(authorization).Append("\r\n");
        }

        foreach (var (name, value) in headers ?? [])
        {
            if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                throw new ArgumentException($"Header {name} holds a line break", nameof(headers));
            }

            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        text.Append("\r\n");
        _log.LogDebug("RTSP {Method} {Uri} CSeq {CSeq}", method, uri, cseq);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(RequestTimeout);
        try
        {
            await WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), bounded.Token).ConfigureAwait(false);
            var reply = await waiter.Task.WaitAsync(bounded.Token).ConfigureAwait(false);
            _log.LogDebug("RTSP {Method} answered {Status} {Reason}", method, reply.StatusCode, reply.Reason);
            return reply;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RtspClientException($"{method} {uri}: no answer within {RequestTimeout.TotalSeconds:0} s");
        }
        catch (IOException ex)
        {
            throw new RtspClientException($"{method} {uri}: the connection broke: {ex.Message}", ex);
        }
        finally
        {
            lock (_lock)
            {
                _pending.Remove(cseq);
            }
        }
    }

    private async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Picks the strongest challenge this client can answer; false when none (or the same one failed already).</summary>
    private bool TakeChallenge(RtspReply reply)
    {
        DigestChallenge? best = null;
        var basic = false;
        foreach (var challenge in reply.Headers.All("WWW-Authenticate"))
        {
            if (DigestAuthentication.TryParseChallenge(challenge, out var digest, out _))
            {
                if (best is null || (digest!.Algorithm == DigestAlgorithm.Sha256 && best.Algorithm != DigestAlgorithm.Sha256))
                {
                    best = digest;
                }
            }
            else if (challenge.TrimStart().StartsWith("Basic", StringComparison.OrdinalIgnoreCase))
            {
                basic = true;
            }
        }

        lock (_lock)
        {
            // Credentials that were already sent and refused are wrong: retrying would only repeat the refusal,
            // unless the server says the nonce was merely stale.
            var alreadyTried = (_digest is not null && !(best?.Stale ?? false)) || (_digest is null && _basic);
            if (alreadyTried)
            {
                return false;
            }

            if (best is not null)
            {
                _digest = best;
                _nonceCount = 0;
                return true;
            }

            if (basic)
            {
                _basic = true;
                return true;
            }
        }

        return false;
    }

    private string? Authorization(string method, string uri)
    {
        if (_credentials is null)
        {
            return null;
        }

        lock (_lock)
        {
            if (_digest is not null)
            {
                return DigestAuthentication.Authorization(_digest, _credentials.User, _credentials.Password, method, uri, _cnonce, ++_nonceCount);
            }

            return _basic ? BasicAuthentication.Authorization(_credentials.User, _credentials.Password) : null;
        }
    }

    private async Task ReadLoopAsync()
    {
        var parser = new RtspResponseParser();
        var buffer = new byte[64 * 1024];
        Exception reason;
        try
        {
            while (true)
            {
                var read = await _stream.ReadAsync(buffer, _stop.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    reason = new RtspClientException("the server closed the connection");
                    break;
                }

                foreach (var item in parser.Feed(buffer.AsSpan(0, read)))
                {
                    switch (item)
                    {
                        case InterleavedFrame frame:
                            await _onFrame(frame).ConfigureAwait(false);
                            break;
                        case RtspReply reply:
                            Complete(reply);
                            break;
                        case RtspParseError error:
                            throw new RtspClientException($"the server sent something that is not RTSP: {error.Reason}");
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            reason = new RtspClientException("the connection was closed");
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or RtspClientException)
        {
            reason = _stop.IsCancellationRequested ? new RtspClientException("the connection was closed") : ex;
        }

        List<TaskCompletionSource<RtspReply>> waiting;
        lock (_lock)
        {
            _closedBecause = reason;
            waiting = [.. _pending.Values];
        }

        foreach (var waiter in waiting)
        {
            waiter.TrySetException(new RtspClientException(reason.Message, reason));
        }
    }

    private void Complete(RtspReply reply)
    {
        TaskCompletionSource<RtspReply>? waiter = null;
        lock (_lock)
        {
            if (reply.CSeq is { } cseq)
            {
                _pending.TryGetValue(cseq, out waiter);
            }
            else if (_pending.Count == 1)
            {
                // A server that forgets CSeq: with one request outstanding there is no doubt which it answers.
                waiter = _pending.Values.First();
            }
        }

        if (waiter is null)
        {
            _log.LogDebug("RTSP answer {Status} with CSeq {CSeq} matches no request; ignored", reply.StatusCode, reply.CSeq);
            return;
        }

        waiter.TrySetResult(reply);
    }
}
