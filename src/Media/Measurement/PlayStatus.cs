namespace ActorStream.Media.Measurement;

/// <summary>
/// A player's figures at one moment: rates over the last interval, counts since the start.
/// </summary>
/// <param name="FramesPerSecond">Complete video frames per second over the last interval.</param>
/// <param name="BitsPerSecond">RTP bits per second (all tracks, headers included) over the last interval.</param>
/// <param name="Frames">Complete video frames since the start.</param>
/// <param name="DroppedFrames">Video frames dropped because a packet of theirs was lost.</param>
/// <param name="Expected">RTP packets expected by sequence numbers (all tracks).</param>
/// <param name="Lost">RTP packets lost (all tracks; negative when duplicates outnumber losses).</param>
/// <param name="JitterMs">The video track's interarrival jitter (RFC 3550) in milliseconds.</param>
/// <param name="LatencyMs">Mean of arrival minus capture time (by the sender report's clock) of the interval's frames; null before a sender report.</param>
/// <param name="FirstFrame">From PLAY sent to the first complete keyframe; null before it.</param>
public sealed record PlayStatus(
    double FramesPerSecond,
    double BitsPerSecond,
    long Frames,
    long DroppedFrames,
    long Expected,
    long Lost,
    double JitterMs,
    double? LatencyMs,
    TimeSpan? FirstFrame)
{
    /// <summary>Lost as a percentage of expected, 0 when nothing was expected or duplicates outnumber losses.</summary>
    public double LossPercent => Expected > 0 && Lost > 0 ? 100.0 * Lost / Expected : 0;
}
