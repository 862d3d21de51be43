using System.Buffers;

namespace ActorStream.Media.Video;

/// <summary>
/// One whole raw frame in a buffer rented from a pool. Whoever holds the frame last disposes it, which
/// returns the buffer: the assembler hands ownership to the caller, and the caller passes it on or disposes.
/// The buffer may be longer than the frame; use <see cref="Memory"/>, never the array's length.
/// </summary>
public sealed class RawFrame : IDisposable
{
    private readonly ArrayPool<byte> _pool;
    private byte[]? _buffer;

    internal RawFrame(byte[] buffer, int length, long sequence, ArrayPool<byte> pool)
    {
        _buffer = buffer;
        Length = length;
        Sequence = sequence;
        _pool = pool;
    }

    /// <summary>The frame's number since the assembler started, from 0.</summary>
    public long Sequence { get; }

    public int Length { get; }

    /// <summary>The frame's bytes. Invalid after <see cref="Dispose"/>.</summary>
    public ReadOnlyMemory<byte> Memory =>
        _buffer is { } buffer ? buffer.AsMemory(0, Length) : throw new ObjectDisposedException(nameof(RawFrame));

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            _pool.Return(buffer);
        }
    }
}
