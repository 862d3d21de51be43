namespace ActorStream.Media.Video;

/// <summary>
/// Maps the station's frame clock onto a file's own: which source frame belongs to output frame k, so a
/// file plays at its native speed whatever the station's rate (frames are repeated when the file is slower,
/// skipped when it is faster), as ffmpeg's fps filter does for the ffmpeg capture.
/// </summary>
public sealed class OpenCvFramePacer
{
    /// <summary>A file claiming more than this is taken to have no usable rate (some containers report 90000).</summary>
    public const double MaxPlausibleFps = 1000;

    public OpenCvFramePacer(double sourceFps, int outputFps)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputFps);
        OutputFps = outputFps;
        // An unknown or absurd rate plays the file frame for frame at the station's rate.
        SourceFps = double.IsFinite(sourceFps) && sourceFps > 0 && sourceFps <= MaxPlausibleFps ? sourceFps : outputFps;
    }

    /// <summary>The rate the file is played at: its own, or the station's when the file gives none.</summary>
    public double SourceFps { get; }

    public int OutputFps { get; }

    /// <summary>
    /// How many source frames must have been read (counting from the start of the loop) for output frame
    /// <paramref name="outputIndex"/>: the one on show then is source frame floor(k * source / output).
    /// </summary>
    public long SourceFramesDue(long outputIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(outputIndex);
        // A small epsilon keeps exact ratios (25 -> 25) from landing one short after floating-point rounding.
        return (long)Math.Floor((outputIndex * SourceFps / OutputFps) + 1e-9) + 1;
    }
}
