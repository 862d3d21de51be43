namespace ActorStream.Bench.Sink;

/// <summary>What one drain of a socket's queue found: datagram count and sizes.</summary>
public readonly record struct DrainResult(long Datagrams, long Bytes, int MinSize, int MaxSize)
{
    public static DrainResult Empty => new(0, 0, int.MaxValue, 0);

    public DrainResult Add(DrainResult other) => new(
        Datagrams + other.Datagrams,
        Bytes + other.Bytes,
        Math.Min(MinSize, other.MinSize),
        Math.Max(MaxSize, other.MaxSize));
}
