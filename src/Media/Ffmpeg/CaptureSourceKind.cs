namespace ActorStream.Media.Ffmpeg;

/// <summary>Where the capture ffmpeg takes its video from.</summary>
public enum CaptureSourceKind
{
    /// <summary>ffmpeg's moving testsrc2 pattern.</summary>
    TestPattern,

    /// <summary>A media file, looped forever at its native pace.</summary>
    File,

    /// <summary>A Video4Linux2 camera device such as /dev/video0.</summary>
    V4l2,
}
