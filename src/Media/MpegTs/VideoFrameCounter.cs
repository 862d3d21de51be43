namespace ActorStream.Media.MpegTs;

/// <summary>
/// Counts video frames in an MPEG-TS stream as a receiver would see them: the frame starts that
/// <see cref="VideoFrameScanner"/> finds (PES starts on the video PID named by the PAT and PMT).
/// Plain code; feed it whole 188-byte packets in stream order.
/// </summary>
public sealed class VideoFrameCounter
{
    private readonly VideoFrameScanner _scanner = new();

    /// <summary>The PID carrying video, once the PMT has been seen; -1 before.</summary>
    public int VideoPid => _scanner.VideoPid;

    /// <summary>The stream type of the video elementary stream (0x1B H.264, 0x24 H.265), 0 before the PMT.</summary>
    public int VideoStreamType => _scanner.VideoStreamType;

    public long Frames { get; private set; }

    /// <summary>Counts the frames that start in <paramref name="packets"/> and returns how many did.</summary>
    public int Count(ReadOnlySpan<byte> packets)
    {
        var started = _scanner.Scan(packets).Count;
        Frames += started;
        return started;
    }
}
