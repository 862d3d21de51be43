namespace ActorStream.Bench.Sink;

/// <summary>What one port was delivered in the measured window: datagrams the kernel dropped for
/// the full buffer plus datagrams still queued, and the sizes of the queued ones (a sample).</summary>
public sealed record PortDelivery(int Port, long Dropped, DrainResult Queued)
{
    public long Delivered => Dropped + Queued.Datagrams;
}
