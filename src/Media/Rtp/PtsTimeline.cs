namespace ActorStream.Media.Rtp;

/// <summary>
/// Turns a station's 33-bit MPEG-TS timestamps (90 kHz) into one media time that only moves forward across encoder
/// restarts, shared by video and audio so the tracks stay in step. Within a run a timestamp maps by its signed distance
/// from the last one seen (so the 2^33 wrap passes unnoticed). A restart (a frame marked as after a break, or a jump
/// back of more than <see cref="MaxBackwardJump"/> or forward of more than <see cref="MaxForwardJump"/>) starts a new
/// run just after the latest media time so far plus <paramref name="restartGap"/>: RTP timestamps keep increasing,
/// and clients see a pause rather than time running backwards. Each track sees a restart's mark on its own first frame
/// of the new run; a mark on a track with no frame in the current run yet is that same restart, so video and audio
/// stay in step however far apart their first frames come.
/// </summary>
public sealed class PtsTimeline
{
    public const long Modulus = 1L << 33;

    /// <summary>90 kHz ticks a timestamp may go back within a run (B-frames, audio before video).</summary>
    public const long MaxBackwardJump = 2 * 90_000;

    /// <summary>90 kHz ticks a timestamp may jump forward within a run (a stall).</summary>
    public const long MaxForwardJump = 5 * 90_000;

    private readonly long _restartGap;
    private long _refRaw = -1;
    private long _refMedia;
    private long _maxMedia;

    // One bit per track that has had a frame in the current run.
    private int _tracksInRun;

    /// <param name="restartGap">Media time (90 kHz) left between the last frame before a restart and the first after.</param>
    public PtsTimeline(long restartGap = 90_000)
    {
        _restartGap = restartGap;
    }

    /// <summary>Runs started after the first (restarts seen).</summary>
    public int Restarts { get; private set; }

    /// <summary>Whether any timestamp has been mapped.</summary>
    public bool Started => _refRaw >= 0;

    /// <summary>The media time (90 kHz, from 0 at the first frame) of a frame's timestamp; moves the timeline on.</summary>
    /// <param name="pts">The frame's 33-bit timestamp.</param>
    /// <param name="afterBreak">The demuxer saw the stream break before this frame.</param>
    /// <param name="track">The frame's track (0..31): video and audio each see a restart's mark once.</param>
    public long Map(long pts, bool afterBreak, int track)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(track);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(track, 31);
        var bit = 1 << track;
        if (_refRaw < 0)
        {
            _refRaw = pts;
            _refMedia = 0;
            _tracksInRun = bit;
            return 0;
        }

        var distance = Distance(pts);
        var jumped = distance < -MaxBackwardJump || distance > MaxForwardJump;
        if (jumped || (afterBreak && (_tracksInRun & bit) != 0))
        {
            Restarts++;
            _tracksInRun = bit;
            _refRaw = pts;
            _refMedia = _maxMedia + _restartGap;
            _maxMedia = _refMedia;
            return _refMedia;
        }

        _tracksInRun |= bit;
        var media = _refMedia + distance;
        _refRaw = pts;
        _refMedia = media;
        _maxMedia = Math.Max(_maxMedia, media);
        return media;
    }

    /// <summary>The media time of a timestamp of the current run without moving the timeline; null when it is too far
    /// from the frames seen to belong to their run (or nothing has been seen).</summary>
    public long? Peek(long pts)
    {
        if (_refRaw < 0)
        {
            return null;
        }

        var distance = Distance(pts);
        return distance < -MaxForwardJump || distance > MaxForwardJump ? null : _refMedia + distance;
    }

    // Signed distance from the last timestamp, modulo 2^33.
    private long Distance(long pts)
    {
        var d = (pts - _refRaw) % Modulus;
        if (d < 0)
        {
            d += Modulus;
        }

        return d >= Modulus / 2 ? d - Modulus : d;
    }
}
