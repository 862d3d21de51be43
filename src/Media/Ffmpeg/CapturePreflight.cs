namespace ActorStream.Media.Ffmpeg;

/// <summary>
/// Checks, before ffmpeg starts, that the capture's file or device exists, so that the person running the
/// node reads "file not found: X" instead of a page of ffmpeg output or a stack trace.
/// </summary>
public static class CapturePreflight
{
    /// <summary>Returns a clear error naming what is missing, or null when everything is there.</summary>
    public static string? FindProblem(CaptureSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        switch (settings.Source.Kind)
        {
            case CaptureSourceKind.File when !File.Exists(settings.Source.Path):
                return Directory.Exists(settings.Source.Path)
                    ? $"Video source file '{settings.Source.Path}' is a directory, not a file."
                    : $"Video source file not found: '{settings.Source.Path}'.";
            case CaptureSourceKind.OpenCvFile when !File.Exists(settings.Source.Path):
                return $"Video source file not found: '{settings.Source.Path}'.";
            case CaptureSourceKind.V4l2 when !File.Exists(settings.Source.Path):
                return $"Video device not found: '{settings.Source.Path}'. Is the camera connected? (ls /dev/video* lists the devices.)";
        }

        // OpenCV reads pictures only, and the station's audio is captured by the ffmpeg capture, which an
        // opencv: source replaces: refusing is clearer than a station that is silently silent.
        if (settings.Source.Kind is CaptureSourceKind.OpenCvDevice or CaptureSourceKind.OpenCvFile && settings.Audio.IsEnabled)
        {
            return $"Source '{settings.Source}' is video only (OpenCV captures no audio), but audio is '{settings.Audio}'. Use --audio none (audio = none) with opencv: sources.";
        }

        if (settings.Audio.Kind == AudioSourceKind.Alsa && !Directory.Exists("/dev/snd"))
        {
            return $"ALSA audio device '{settings.Audio.Device}' cannot exist: this machine has no sound devices (/dev/snd is missing).";
        }

        return null;
    }

    /// <exception cref="MediaSetupException">The file or device is missing.</exception>
    public static void EnsureAvailable(CaptureSettings settings)
    {
        if (FindProblem(settings) is { } problem)
        {
            throw new MediaSetupException(problem);
        }
    }
}
