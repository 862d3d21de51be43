using System.Net.Sockets;
using System.Threading.Channels;

namespace ActorStream.Media.Transport;

/// <summary>
/// Writes chunks to one stream (a TCP peer, or an ffmpeg's stdin) from a bounded drop-oldest queue, so a
/// reader that is slow, or stops, loses its own oldest data and never holds up whoever enqueues.
/// One writer loop per stream; <see cref="Completion"/> ends when the stream breaks or the writer is disposed.
/// Each chunk may carry a tag that an optional callback receives once the chunk was written in full, so a
/// caller learns which chunks really went out (dropped ones never do) and in which order.
/// </summary>
public sealed class ChunkWriter : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly DropOldestQueue<(ReadOnlyMemory<byte> Chunk, long Tag)> _queue;
    private readonly Action<long>? _written;
    private readonly CancellationTokenSource _stop = new();
    private long _bytes;
    private long _writes;

    /// <param name="stream">Where the chunks go; the writer owns and disposes it.</param>
    /// <param name="queueCapacity">Chunks held before the oldest is dropped.</param>
    /// <param name="peer">Who is at the other end, for logs and status.</param>
    /// <param name="written">Called on the writer loop with each chunk's tag (0 when enqueued without one) right
    /// after the chunk was written, in write order. Must be quick and must not throw: it runs on the write path.</param>
    public ChunkWriter(Stream stream, int queueCapacity, string peer, Action<long>? written = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        Peer = peer;
        _written = written;
        _queue = new DropOldestQueue<(ReadOnlyMemory<byte>, long)>(queueCapacity);
        Completion = Task.Run(WriteLoopAsync);
    }

    /// <summary>A writer to a connected TCP socket, which it owns from now on.</summary>
    public static ChunkWriter ForSocket(Socket socket, int queueCapacity)
    {
        ArgumentNullException.ThrowIfNull(socket);
        socket.NoDelay = true;
        var peer = socket.RemoteEndPoint?.ToString() ?? "?";
        return new ChunkWriter(new NetworkStream(socket, ownsSocket: true), queueCapacity, peer);
    }

    public string Peer { get; }

    /// <summary>Completes when the writer stops: faulted with the I/O error when the reader went away.</summary>
    public Task Completion { get; }

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Write calls made (one per chunk).</summary>
    public long Writes => Interlocked.Read(ref _writes);

    public long Drops => _queue.Dropped;

    public int QueueDepth => _queue.Count;

    /// <summary>Queues a chunk (possibly shared with other writers: only read, never changed). Never waits.</summary>
    public bool Enqueue(ReadOnlyMemory<byte> chunk) => _queue.Enqueue((chunk, 0));

    /// <summary>Queues a chunk with a tag that the <c>written</c> callback receives once it was written. Never waits.</summary>
    public bool Enqueue(ReadOnlyMemory<byte> chunk, long tag) => _queue.Enqueue((chunk, tag));

    private async Task WriteLoopAsync()
    {
        var token = _stop.Token;
        try
        {
            while (await _queue.WaitToDequeueAsync(token).ConfigureAwait(false))
            {
                while (_queue.TryDequeue(out var item))
                {
                    await _stream.WriteAsync(item.Chunk, token).ConfigureAwait(false);
                    Interlocked.Increment(ref _writes);
                    Interlocked.Add(ref _bytes, item.Chunk.Length);
                    _written?.Invoke(item.Tag);
                }

                await _stream.FlushAsync(token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Disposed: a normal end.
        }
        catch (ChannelClosedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _queue.Complete();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The reader is already gone: nothing left to flush to.
        }

        try
        {
            await Completion.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // The stream was closed under a pending write: expected while disposing.
        }

        _stop.Dispose();
    }
}
