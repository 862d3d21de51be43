namespace ActorStream.Media.Measurement;

/// <summary>
/// Counts video frames that never arrived from the steps between successive frame timestamps (extended,
/// see <see cref="PtsUnwrapper"/>, in decode order so B-frames do not step back). The frame duration is
/// given (from the frame rate) or learned as the smallest positive step seen. A step of k durations
/// (k ≥ 2, within ±25% of one duration) means k - 1 frames are missing. A step back, or one of more than
/// <see cref="MaxStep"/>, is a discontinuity (an encoder restart starts new timestamps): nothing is counted
/// and a learned duration is learned again. Not thread-safe.
/// </summary>
public sealed class FrameGapCounter
{
    /// <summary>Steps longer than this (10 s at 90 kHz) are discontinuities, not gaps.</summary>
    public const long MaxStep = 10 * 90_000;

    private const double Tolerance = 0.25;
    private readonly long _givenDuration;
    private long _duration;
    private long _last;
    private bool _hasLast;

    /// <summary>A counter that learns the frame duration from the stream.</summary>
    public FrameGapCounter()
    {
    }

    /// <summary>A counter for a known frame rate (frames per second, timestamps at 90 kHz).</summary>
    public FrameGapCounter(double fps)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fps);
        _givenDuration = (long)Math.Round(90_000 / fps);
        _duration = _givenDuration;
    }

    /// <summary>The frame duration in timestamp units; 0 while not known yet.</summary>
    public long FrameDuration => _duration;

    /// <summary>Frames missing in all.</summary>
    public long Missing { get; private set; }

    public long Discontinuities { get; private set; }

    /// <summary>Adds the next frame's extended timestamp and says what it was.</summary>
    public FrameStep Add(long timestamp)
    {
        if (!_hasLast)
        {
            _hasLast = true;
            _last = timestamp;
            return FrameStep.First;
        }

        var step = timestamp - _last;
        if (step == 0)
        {
            return FrameStep.Repeat;
        }

        if (step < 0 || step > MaxStep)
        {
            Discontinuities++;
            _last = timestamp;
            _duration = _givenDuration;
            return FrameStep.Discontinuity;
        }

        _last = timestamp;
        if (_givenDuration == 0 && (_duration == 0 || step < _duration))
        {
            // Learning: a smaller step is the better guess. Steps before it were counted with the old guess.
            _duration = step;
            return FrameStep.Next;
        }

        var k = (long)Math.Round((double)step / _duration);
        if (Math.Abs(step - (k * _duration)) > Tolerance * _duration)
        {
            return FrameStep.Irregular;
        }

        if (k <= 1)
        {
            return FrameStep.Next;
        }

        Missing += k - 1;
        return FrameStep.Gap;
    }

    /// <summary>Forgets the last timestamp (and a learned duration): the next frame is a first one.</summary>
    public void Reset()
    {
        _hasLast = false;
        _duration = _givenDuration;
    }
}
