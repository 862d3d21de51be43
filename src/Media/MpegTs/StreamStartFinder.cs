namespace ActorStream.Media.MpegTs;

/// <summary>
/// The timestamps of the first video frame and of the first audio frame in a stream that starts from nothing (a reader
/// that joined at a keyframe): a player (mpegts.js) counts media time from the earlier decoding time of them, so knowing
/// both places each frame it shows on the stream's timeline. The decoding time (DTS) is taken where the frame has one,
/// else its PTS (equal without B-frames, as the stations encode). Feed it what was sent, in order. Plain code, not
/// thread-safe.
/// </summary>
public sealed class StreamStartFinder
{
    // A stream whose PMT lists audio but whose first audio frame does not come within this many video frames: the
    // audio is given up (the start is the video's).
    private const int AudioWaitFrames = 60;

    private readonly TsDemuxer _demuxer = new();
    private long? _video;
    private long? _audio;
    private int _videoFrames;

    /// <summary>The start has been found (later calls return null).</summary>
    public bool Done { get; private set; }

    /// <summary>The first frames' decoding times (90 kHz) once both are known (or the stream has no audio); null before.</summary>
    public (long VideoPts, long? AudioPts)? Feed(ReadOnlySpan<byte> packets)
    {
        if (Done)
        {
            return null;
        }

        foreach (var frame in _demuxer.Feed(packets))
        {
            if (frame.Kind == ElementaryStreamKind.Video)
            {
                _video ??= frame.Dts ?? frame.Pts;
                _videoFrames++;
            }
            else if (frame.Kind == ElementaryStreamKind.Audio)
            {
                _audio ??= frame.Dts ?? frame.Pts;
            }
        }

        if (_video is not { } video || (_audio is null && _demuxer.HasAudio && _videoFrames < AudioWaitFrames))
        {
            return null;
        }

        Done = true;
        return (video, _audio);
    }
}
