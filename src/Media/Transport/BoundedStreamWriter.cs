using System.Net.Sockets;
using System.Threading.Channels;

namespace ActorStream.Media.Transport;

/// <summary>
/// Writes messages to one stream (an RTSP connection: responses and '$'-framed interleaved RTP) from a queue
/// bounded in bytes. Unlike <see cref="ChunkWriter"/>, nothing is ever dropped from the middle (a dropped RTSP
/// response or half an RTP frame would break the connection's framing): when the queue would exceed its limit the
/// writer gives up on the reader instead, <see cref="Overflowed"/> is set and <see cref="Completion"/> ends, so
/// the owner closes the connection. Enqueue never waits, so a slow reader costs its own memory only, bounded.
/// Any number of threads may enqueue; each message (head plus body) goes out whole and in order.
/// </summary>
public sealed class BoundedStreamWriter : IAsyncDisposable
{
    private const int CoalesceBytes = 64 * 1024;
    private readonly Stream _stream;
    private readonly long _limit;
    private readonly Channel<(ReadOnlyMemory<byte> Head, ReadOnlyMemory<byte> Body)> _queue =
        Channel.CreateUnbounded<(ReadOnlyMemory<byte>, ReadOnlyMemory<byte>)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private long _queued;
    private long _bytes;
    private long _messages;
    private int _overflowed;

    /// <param name="stream">Where the messages go; the writer owns and disposes it.</param>
    /// <param name="limitBytes">Bytes that may wait unwritten; one more and the reader is given up.</param>
    public BoundedStreamWriter(Stream stream, long limitBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limitBytes);
        _stream = stream;
        _limit = limitBytes;
        Completion = Task.Run(WriteLoopAsync);
    }

    /// <summary>A writer to a connected socket, sharing it with whoever reads it (the socket is not owned).</summary>
    public static BoundedStreamWriter ForSocket(Socket socket, long limitBytes)
    {
        ArgumentNullException.ThrowIfNull(socket);
        socket.NoDelay = true;
        return new BoundedStreamWriter(new NetworkStream(socket, ownsSocket: false), limitBytes);
    }

    /// <summary>Ends when the writer stops: disposed, overflowed (normally), or faulted with the I/O error.</summary>
    public Task Completion { get; }

    /// <summary>How long disposing waits for queued bytes to go out.</summary>
    public static TimeSpan DrainTime { get; } = TimeSpan.FromSeconds(1);

    /// <summary>True once the reader fell more than the limit behind.</summary>
    public bool Overflowed => Volatile.Read(ref _overflowed) == 1;

    /// <summary>Bytes queued and not yet written.</summary>
    public long QueuedBytes => Interlocked.Read(ref _queued);

    public long BytesWritten => Interlocked.Read(ref _bytes);

    public long MessagesWritten => Interlocked.Read(ref _messages);

    /// <summary>Queues one message. False when the writer has stopped or this message would exceed the limit (then it stops).</summary>
    public bool Enqueue(ReadOnlyMemory<byte> head, ReadOnlyMemory<byte> body = default)
    {
        var size = head.Length + body.Length;
        lock (_gate)
        {
            if (Overflowed || _stop.IsCancellationRequested) return false;
            if (Interlocked.Read(ref _queued) + size > _limit)
            {
                Volatile.Write(ref _overflowed, 1);
                _queue.Writer.TryComplete();
                _stop.Cancel();
                return false;
            }

            if (!_queue.Writer.TryWrite((head, body))) return false;
            Interlocked.Add(ref _queued, size);
            return true;
        }
    }

    private async Task WriteLoopAsync()
    {
        var token = _stop.Token;
        var buffer = new byte[CoalesceBytes];
        try
        {
            while (await _queue.Reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                // Many small RTP frames are copied into one buffer so a burst costs few system calls.
                var used = 0;
                while (_queue.Reader.TryRead(out var item))
                {
                    foreach (var part in new[] { item.Head, item.Body })
                    {
                        if (part.IsEmpty) continue;
                        if (used + part.Length > buffer.Length)
                        {
                            await _stream.WriteAsync(buffer.AsMemory(0, used), token).ConfigureAwait(false);
                            used = 0;
                        }

                        if (part.Length > buffer.Length)
                        {
                            await _stream.WriteAsync(part, token).ConfigureAwait(false);
                        }
                        else
                        {
                            part.CopyTo(buffer.AsMemory(used));
                            used += part.Length;
                        }
                    }

                    var size = item.Head.Length + item.Body.Length;
                    Interlocked.Add(ref _queued, -size);
                    Interlocked.Add(ref _bytes, size);
                    Interlocked.Increment(ref _messages);
                }

                if (used > 0) await _stream.WriteAsync(buffer.AsMemory(0, used), token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Disposed or overflowed: a normal end.
        }
    }

    /// <summary>Writes what is queued (a last response before closing) for at most <see cref="DrainTime"/>, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate) _queue.Writer.TryComplete();
        try
        {
            await Completion.WaitAsync(DrainTime).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The reader does not read: give up on the rest.
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
        }

        lock (_gate)
        {
            if (!_stop.IsCancellationRequested) _stop.Cancel();
        }

        try
        {
            await Completion.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // The reader is gone: nothing left to write to.
        }

        await _stream.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
