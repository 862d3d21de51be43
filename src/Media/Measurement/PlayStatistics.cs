using ActorStream.Media.Rtp;

namespace ActorStream.Media.Measurement;

/// <summary>
/// The figures of one RTSP play (`actorstream play`): frames and their rate, bitrate, loss and jitter from the tracks'
/// <see cref="RtpReception"/>, latency of each frame (its arrival minus the capture time its RTP timestamp maps to by
/// the sender report), and the time from PLAY to the first complete keyframe. Times are on one monotonic clock
/// (any origin) except the frame's arrival in UTC, which latency compares with the sender's wall clock. Not thread-safe.
/// </summary>
public sealed class PlayStatistics
{
    private readonly List<RtpReception> _tracks = [];
    private TimeSpan? _playSent;
    private TimeSpan _lastSnapshot;
    private long _framesAtLastSnapshot;
    private long _bytesAtLastSnapshot;
    private double _latencySum;
    private int _latencyCount;
    private double? _lastLatency;

    public PlayStatistics(TimeSpan start) => _lastSnapshot = start;

    /// <summary>The video track's reception, whose jitter is shown; null for none.</summary>
    public RtpReception? Video { get; set; }

    public long Frames { get; private set; }

    public long Keyframes { get; private set; }

    /// <summary>From PLAY sent to the first complete keyframe; null before it.</summary>
    public TimeSpan? FirstFrame { get; private set; }

    public void AddTrack(RtpReception track) => _tracks.Add(track);

    /// <summary>A PLAY was sent at <paramref name="at"/>; the first keyframe after it is timed (the first PLAY only).</summary>
    public void PlaySent(TimeSpan at) => _playSent ??= at;

    /// <summary>A complete frame arrived at <paramref name="arrival"/> (monotonic) and <paramref name="arrivalUtc"/>.</summary>
    public void AddFrame(RtpAccessUnit frame, TimeSpan arrival, DateTime arrivalUtc, RtcpClockMapping? clock)
    {
        ArgumentNullException.ThrowIfNull(frame);
        Frames++;
        if (frame.IsKeyframe)
        {
            Keyframes++;
            if (FirstFrame is null && _playSent is { } sent)
            {
                FirstFrame = arrival - sent;
            }
        }

        if (clock is not null)
        {
            var latency = (arrivalUtc - clock.TimeOf(frame.Timestamp)).TotalMilliseconds;
            _latencySum += latency;
            _latencyCount++;
        }
    }

    /// <summary>The figures now, with rates since the previous snapshot (or the start).</summary>
    public PlayStatus Snapshot(TimeSpan now, long droppedFrames)
    {
        var seconds = (now - _lastSnapshot).TotalSeconds;
        var bytes = _tracks.Sum(t => t.Bytes);
        var fps = seconds > 0 ? (Frames - _framesAtLastSnapshot) / seconds : 0;
        var bps = seconds > 0 ? (bytes - _bytesAtLastSnapshot) * 8 / seconds : 0;
        if (_latencyCount > 0)
        {
            _lastLatency = _latencySum / _latencyCount;
        }

        _latencySum = 0;
        _latencyCount = 0;
        _lastSnapshot = now;
        _framesAtLastSnapshot = Frames;
        _bytesAtLastSnapshot = bytes;
        return new PlayStatus(fps, bps, Frames, droppedFrames, _tracks.Sum(t => t.Expected), _tracks.Sum(t => t.Lost),
            Video?.JitterMs ?? 0, _lastLatency, FirstFrame);
    }

    /// <summary>The figures over the whole play, for the final summary: rates are averages since <paramref name="start"/>.</summary>
    public PlayStatus Summary(TimeSpan start, TimeSpan now, long droppedFrames)
    {
        var seconds = (now - start).TotalSeconds;
        var bytes = _tracks.Sum(t => t.Bytes);
        return new PlayStatus(seconds > 0 ? Frames / seconds : 0, seconds > 0 ? bytes * 8 / seconds : 0, Frames, droppedFrames,
            _tracks.Sum(t => t.Expected), _tracks.Sum(t => t.Lost), Video?.JitterMs ?? 0, _lastLatency, FirstFrame);
    }
}
