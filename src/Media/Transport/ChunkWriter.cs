using System.Net.Sockets;
using System.Threading.Channels;

namespace ActorStream.Media.Transport;

/// <summary>
/// Writes chunks to one stream (a TCP peer, or an ffmpeg's stdin) from a bounded drop-oldest queue, so a
/// reader that is slow, or stops, loses its own oldest data and never holds up whoever enqueues.
/// One writer loop per stream; <see cref="Completion"/> ends when the stream breaks or the writer is disposed.
/// </summary>
public sealed class ChunkWriter : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly DropOldestQueue<ReadOnlyMemory<byte>> _queue;
    private readonly CancellationTokenSource _stop = new();
    private long _bytes;
    private long _writes;

    /// <param name="stream">Where the chunks go; the writer owns and disposes it.</param>
    /// <param name="queueCapacity">Chunks held before the oldest is dropped.</param>
    /// <param name="peer">Who is at the other end, for logs and status.</param>
    public ChunkWriter(Stream stream, int queueCapacity, string peer)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        Peer = peer;
        _queue = new DropOldestQueue<ReadOnlyMemory<byte>>(queueCapacity);
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
    public bool Enqueue(ReadOnlyMemory<byte> chunk) => _queue.Enqueue(chunk);

    private async Task WriteLoopAsync()
    {
        var token = _stop.Token;
        try
        {
            while (await _queue.WaitToDequeueAsync(token).ConfigureAwait(false))
            {
                while (_queue.TryDequeue(out var chunk))
                {
                    await _stream.WriteAsync(chunk, token).ConfigureAwait(false);
                    Interlocked.Increment(ref _writes);
                    Interlocked.Add(ref _bytes, chunk.Length);
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
