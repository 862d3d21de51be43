namespace ActorStream.Media.Measurement;

/// <summary>
/// On the seed, maps the encoder's output timestamps back to when each frame was captured. ffmpeg reading
/// raw frames at a fixed rate stamps input frame n with PTS n/fps, and with -tune zerolatency (no B-frames,
/// no reordering) its first output frame is input frame 0. So the capture time of each frame is recorded as
/// it is written to ffmpeg's stdin (write order is n; frames dropped before writing never get an n), and an
/// output PTS p maps to n = round((p - p0) / (90 000 / fps)), p0 being this run's first output PTS.
/// The last <see cref="Capacity"/> frames are kept. Thread-safe: the stdin writer loop records, the stdout
/// reader looks up. One timeline per encoder run: timestamps start over when ffmpeg restarts.
/// </summary>
public sealed class CaptureTimeline
{
    private readonly Lock _lock = new();
    private readonly DateTime[] _captured;
    private readonly double _frameDuration;
    private readonly PtsUnwrapper _unwrapper = new();
    private long _written;
    private long _firstPts;
    private bool _hasFirstPts;

    /// <param name="fps">The input frame rate given to ffmpeg (-framerate).</param>
    /// <param name="capacity">Frames remembered; 512 is 17 s at 30 fps, far beyond the encoder's delay.</param>
    public CaptureTimeline(double fps, int capacity = 512)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _frameDuration = StreamClockMapping.ClockRate / fps;
        _captured = new DateTime[capacity];
    }

    public int Capacity => _captured.Length;

    /// <summary>Frames recorded as written so far (the next one gets this index).</summary>
    public long FramesWritten
    {
        get
        {
            lock (_lock)
            {
                return _written;
            }
        }
    }

    /// <summary>Records that the next frame (index <see cref="FramesWritten"/>), captured at <paramref name="captureUtc"/>, was written.</summary>
    public void RecordWritten(DateTime captureUtc)
    {
        lock (_lock)
        {
            _captured[_written % _captured.Length] = captureUtc;
            _written++;
        }
    }

    /// <summary>
    /// The same, for <see cref="Transport.ChunkWriter"/>'s callback whose tag is the capture time's
    /// <see cref="DateTime.Ticks"/> (UTC).
    /// </summary>
    public void RecordWrittenTicks(long captureUtcTicks) => RecordWritten(new DateTime(captureUtcTicks, DateTimeKind.Utc));

    /// <summary>
    /// The input frame index of an output frame with 33-bit PTS <paramref name="pts"/>. Output frames must
    /// be presented in output order; the first one ever presented defines frame 0.
    /// </summary>
    public long FrameIndexOf(long pts)
    {
        lock (_lock)
        {
            return IndexOf(pts);
        }
    }

    /// <summary>The capture time of the output frame with 33-bit PTS <paramref name="pts"/>; null when that
    /// frame is no longer remembered or was not written yet.</summary>
    public DateTime? CaptureTimeOf(long pts)
    {
        lock (_lock)
        {
            var n = IndexOf(pts);
            if (n < 0 || n >= _written || n < _written - _captured.Length)
            {
                return null;
            }

            return _captured[n % _captured.Length];
        }
    }

    private long IndexOf(long pts)
    {
        var extended = _unwrapper.Unwrap(pts);
        if (!_hasFirstPts)
        {
            _hasFirstPts = true;
            _firstPts = extended;
        }

        return (long)Math.Round((extended - _firstPts) / _frameDuration);
    }
}
