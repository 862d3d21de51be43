namespace ActorStream.Media.Chat;

/// <summary>
/// Puts a numbered, gapless stream back in order for a client: items arrive from several paths at once (live topics,
/// gap-fill pages, a join's recent history), out of order, twice, or not at all. Each sequence is delivered once, in
/// order; items ahead of a missing one wait (at most <c>maxBuffered</c>) until the gap is filled.
/// </summary>
/// <typeparam name="T">The item; its sequence comes from the function given.</typeparam>
public sealed class ChatSequencer<T>
{
    private readonly Func<T, long> _sequenceOf;
    private readonly int _maxBuffered;
    private readonly Dictionary<long, T> _ahead = [];
    // The held sequences in order: the furthest is dropped first when the buffer is full.
    private readonly SortedSet<long> _aheadOrder = [];

    /// <param name="sequenceOf">The item's sequence number (1, 2, 3... with no gaps in the source).</param>
    /// <param name="deliveredUpTo">Everything up to this was already delivered (dropped when it comes again).</param>
    /// <param name="maxBuffered">Items ahead of a gap held at most; past it the furthest ones are dropped (the gap fill
    /// fetches them again), so a long outage cannot grow memory without bound.</param>
    public ChatSequencer(Func<T, long> sequenceOf, long deliveredUpTo = 0, int maxBuffered = 10000)
    {
        ArgumentNullException.ThrowIfNull(sequenceOf);
        ArgumentOutOfRangeException.ThrowIfNegative(deliveredUpTo);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBuffered, 1);
        _sequenceOf = sequenceOf;
        _maxBuffered = maxBuffered;
        DeliveredUpTo = deliveredUpTo;
    }

    /// <summary>The last sequence delivered: every one up to it was, once, in order.</summary>
    public long DeliveredUpTo { get; private set; }

    /// <summary>Items held ahead of a missing sequence.</summary>
    public int Buffered => _ahead.Count;

    /// <summary>Some sequence after <see cref="DeliveredUpTo"/> is missing while later ones arrived: fetch the rest.</summary>
    public bool HasGap => _ahead.Count > 0;

    /// <summary>Takes one item; returns what can now be delivered, in order (empty when it was a duplicate or is
    /// ahead of a gap).</summary>
    public IReadOnlyList<T> Offer(T item)
    {
        var sequence = _sequenceOf(item);
        if (sequence <= DeliveredUpTo)
        {
            return [];
        }

        if (sequence > DeliveredUpTo + 1)
        {
            Hold(sequence, item);
            return [];
        }

        var ready = new List<T> { item };
        DeliveredUpTo = sequence;
        while (_ahead.Remove(DeliveredUpTo + 1, out var next))
        {
            _aheadOrder.Remove(DeliveredUpTo + 1);
            ready.Add(next);
            DeliveredUpTo++;
        }

        return ready;
    }

    /// <summary>The source's last sequence is past what was delivered: something was missed.</summary>
    public bool IsBehind(long lastSequence) => lastSequence > DeliveredUpTo;

    /// <summary>Starts again after <paramref name="deliveredUpTo"/> (a new source whose numbers started over), dropping
    /// whatever was held.</summary>
    public void Reset(long deliveredUpTo)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(deliveredUpTo);
        _ahead.Clear();
        _aheadOrder.Clear();
        DeliveredUpTo = deliveredUpTo;
    }

    private void Hold(long sequence, T item)
    {
        if (_ahead.ContainsKey(sequence))
        {
            return;
        }

        if (_ahead.Count >= _maxBuffered)
        {
            // Keep the ones nearest the gap: they are delivered first once it is filled.
            var furthest = _aheadOrder.Max;
            if (sequence > furthest)
            {
                return;
            }

            _ahead.Remove(furthest);
            _aheadOrder.Remove(furthest);
        }

        _ahead.Add(sequence, item);
        _aheadOrder.Add(sequence);
    }
}
