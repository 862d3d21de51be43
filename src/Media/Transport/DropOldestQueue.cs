using System.Threading.Channels;

namespace ActorStream.Media.Transport;

/// <summary>
/// The bounded queue in front of one destination. When it is full, a new item pushes out the oldest one,
/// which is counted and handed to an optional callback: a slow destination loses its own oldest data and
/// never holds up the producer or the other destinations. One reader; any number of writers.
/// </summary>
public sealed class DropOldestQueue<T>
{
    private readonly Channel<T> _channel;
    private readonly Action<T>? _onDropped;
    private long _dropped;
    private long _enqueued;

    /// <param name="capacity">Items held before the oldest is dropped.</param>
    /// <param name="onDropped">Called with each dropped item (e.g. to return a pooled buffer); may be null.</param>
    public DropOldestQueue(int capacity, Action<T>? onDropped = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _onDropped = onDropped;
        _channel = Channel.CreateBounded<T>(
            new BoundedChannelOptions(capacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = false,
            },
            OnItemDropped);
    }

    public int Capacity { get; }

    /// <summary>Items waiting now.</summary>
    public int Count => _channel.Reader.Count;

    /// <summary>Items pushed out because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Items accepted by <see cref="Enqueue"/>.</summary>
    public long Enqueued => Interlocked.Read(ref _enqueued);

    /// <summary>Adds an item without waiting; false only after <see cref="Complete"/>.</summary>
    public bool Enqueue(T item)
    {
        if (!_channel.Writer.TryWrite(item))
        {
            return false;
        }

        Interlocked.Increment(ref _enqueued);
        return true;
    }

    public bool TryDequeue(out T item) => _channel.Reader.TryRead(out item!);

    /// <summary>Waits for the next item; throws <see cref="ChannelClosedException"/> once completed and empty.</summary>
    public ValueTask<T> DequeueAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAsync(cancellationToken);

    /// <summary>Waits until an item is available; false once completed and empty.</summary>
    public ValueTask<bool> WaitToDequeueAsync(CancellationToken cancellationToken) => _channel.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>All items until the queue is completed and drained.</summary>
    public IAsyncEnumerable<T> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);

    /// <summary>No more items will be added; the reader drains what is left.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    private void OnItemDropped(T item)
    {
        Interlocked.Increment(ref _dropped);
        _onDropped?.Invoke(item);
    }
}
