using System.Buffers;

namespace ActorStream.Media.Video;

/// <summary>
/// Cuts a byte stream of raw video into whole frames of one fixed size. Reads from a pipe arrive in any
/// size; the assembler keeps the partial frame between calls. Frames are pooled: see <see cref="RawFrame"/>
/// for who returns them. Not thread-safe: one reader feeds it.
/// </summary>
public sealed class RawFrameAssembler : IDisposable
{
    private readonly ArrayPool<byte> _pool;
    private byte[]? _current;
    private int _filled;
    private long _nextSequence;

    public RawFrameAssembler(int frameSize, ArrayPool<byte>? pool = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameSize);
        FrameSize = frameSize;
        _pool = pool ?? ArrayPool<byte>.Shared;
    }

    public int FrameSize { get; }

    /// <summary>Bytes of the frame being assembled (0 at a frame boundary).</summary>
    public int PendingBytes => _filled;

    /// <summary>Frames completed so far.</summary>
    public long FramesCompleted => _nextSequence;

    /// <summary>
    /// Copies bytes from <paramref name="data"/> into the frame being assembled, up to its end.
    /// Returns how many bytes were taken; <paramref name="frame"/> is the completed frame, owned by the
    /// caller from then on, or null if the frame needs more bytes. Call again with the rest of the data.
    /// </summary>
    public int Append(ReadOnlySpan<byte> data, out RawFrame? frame)
    {
        frame = null;
        if (data.IsEmpty)
        {
            return 0;
        }

        _current ??= _pool.Rent(FrameSize);
        var take = Math.Min(FrameSize - _filled, data.Length);
        data[..take].CopyTo(_current.AsSpan(_filled));
        _filled += take;
        if (_filled == FrameSize)
        {
            frame = new RawFrame(_current, FrameSize, _nextSequence++, _pool);
            _current = null;
            _filled = 0;
        }

        return take;
    }

    /// <summary>
    /// Reads exactly one frame from <paramref name="stream"/> straight into a pooled buffer (no extra copy),
    /// continuing any partial frame left by <see cref="Append"/>. Returns null at end of stream; a partial
    /// frame then stays pending and is counted by <see cref="PendingBytes"/>.
    /// </summary>
    public async ValueTask<RawFrame?> ReadFrameAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _current ??= _pool.Rent(FrameSize);
        while (_filled < FrameSize)
        {
            var read = await stream.ReadAsync(_current.AsMemory(_filled, FrameSize - _filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            _filled += read;
        }

        var frame = new RawFrame(_current, FrameSize, _nextSequence++, _pool);
        _current = null;
        _filled = 0;
        return frame;
    }

    /// <summary>Drops the partial frame, e.g. when the source restarts and its bytes no longer line up.</summary>
    public void Reset() => _filled = 0;

    public void Dispose()
    {
        var buffer = _current;
        _current = null;
        _filled = 0;
        if (buffer is not null)
        {
            _pool.Return(buffer);
        }
    }
}
