namespace ActorStream.Media.Ffmpeg;

/// <summary>Where the capture ffmpeg takes its video from.</summary>
public enum CaptureSourceKind
{
    /// <summary>One of ffmpeg's generated patterns (testsrc2 by default; <see cref="CaptureSource.Path"/> names it).</summary>
    TestPattern,

    /// <summary>A media file, looped forever at its native pace.</summary>
    File,

    /// <summary>A Video4Linux2 camera device such as /dev/video0.</summary>
    V4l2,

    /// <summary>A camera opened by OpenCV (OpenCvSharp4) by its index, as the older tools opened it.</summary>
    OpenCvDevice,

    /// <summary>A media file decoded by OpenCV (OpenCvSharp4), looped.</summary>
    OpenCvFile,
}
