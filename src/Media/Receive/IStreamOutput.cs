namespace ActorStream.Media.Receive;

/// <summary>
/// Where a viewer's receiver hands the stream it received: nowhere (measure only), a recording, a local
/// re-emit, or a player's stdin. Writes are called from one receive loop, in stream order.
/// </summary>
public interface IStreamOutput : IAsyncDisposable
{
    /// <summary>What the output is, for status lines: "null", "file:/tmp/a.ts", "udp://127.0.0.1:5000", "cmd:ffplay -".</summary>
    string Description { get; }

    /// <summary>Writes that failed (logged, never thrown: a broken output must not stop receiving).</summary>
    long Errors { get; }

    /// <summary>Data dropped because the consumer was slow or absent (datagrams or chunks, as the output counts them).</summary>
    long Drops { get; }

    /// <summary>
    /// Hands over whole TS packets. The memory belongs to the caller and is reused after the call returns:
    /// an output that keeps data past the call copies it.
    /// </summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);
}
