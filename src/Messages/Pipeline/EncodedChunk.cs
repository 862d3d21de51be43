namespace ActorStream.Messages.Pipeline;

/// <summary>
/// A piece of the encoded MPEG-TS stream: a whole number of 188-byte packets. One chunk is handed to every
/// destination as it is; nobody copies or modifies <paramref name="Data"/> (the data plane's one-buffer rule).
/// Never crosses a node boundary: video travels by sockets, not by remoting.
/// </summary>
/// <param name="Sequence">Increases by one per chunk from one encoder run.</param>
/// <param name="ReadAt">When the encoder's output was read (UTC), for queue-age figures.</param>
public sealed record EncodedChunk(ReadOnlyMemory<byte> Data, long Sequence, DateTime ReadAt);
