using ActorStream.Media.Ffmpeg;
using OpenCvSharp;

namespace ActorStream.Media.Video;

/// <summary>
/// A camera (by index) or a file opened with OpenCV's VideoCapture. A file is endless: at its end it starts
/// again from the first frame. Reads block (a camera waits for its next frame), so callers read on a thread
/// of their own. Not thread-safe: one reader owns it and disposes it.
/// </summary>
public sealed class OpenCvVideoSource : IDisposable
{
    private readonly CaptureSource _source;
    private VideoCapture _capture;

    private OpenCvVideoSource(CaptureSource source, VideoCapture capture)
    {
        _source = source;
        _capture = capture;
        var fps = capture.Fps;
        NativeFps = double.IsFinite(fps) && fps > 0 ? fps : 0;
    }

    /// <summary>The frame rate the file or camera reports; 0 when it reports none.</summary>
    public double NativeFps { get; }

    public bool IsFile => _source.Kind == CaptureSourceKind.OpenCvFile;

    /// <summary>How often a file has started again from its first frame.</summary>
    public int Loops { get; private set; }

    /// <summary>
    /// Opens the camera or file. A camera is asked for the station's size and rate (it may choose others;
    /// frames are scaled anyway).
    /// </summary>
    /// <exception cref="MediaSetupException">The camera or file cannot be opened, or OpenCV itself cannot be loaded.</exception>
    public static OpenCvVideoSource Open(CaptureSource source, RawVideoFormat format)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(format);
        if (source.Kind is not (CaptureSourceKind.OpenCvDevice or CaptureSourceKind.OpenCvFile))
        {
            throw new ArgumentException($"Source '{source}' is not an OpenCV source.", nameof(source));
        }

        if (source.Kind == CaptureSourceKind.OpenCvFile && !File.Exists(source.Path))
        {
            throw new MediaSetupException($"Video source file not found: '{source.Path}'.");
        }

        VideoCapture capture;
        try
        {
            capture = OpenCapture(source);
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or BadImageFormatException or EntryPointNotFoundException)
        {
            throw new MediaSetupException(
                "The OpenCV native library (libOpenCvSharpExtern.so from OpenCvSharp4.official.runtime.linux-x64) cannot be loaded: "
                + $"{Innermost(ex).Message} It needs GTK 3 and its libraries (apt-get install libgtk-3-0 libdrm2 libatomic1).", ex);
        }

        if (!capture.IsOpened())
        {
            capture.Dispose();
            throw new MediaSetupException(source.Kind == CaptureSourceKind.OpenCvDevice
                ? $"OpenCV cannot open camera {source.DeviceIndex} (source '{source}'). Is it connected, and not in use by another program? (ls /dev/video* lists the devices.)"
                : $"OpenCV cannot decode video file '{source.Path}' (source '{source}'): it is not a video OpenCV's ffmpeg backend can read.");
        }

        if (source.Kind == CaptureSourceKind.OpenCvDevice)
        {
            // Requests only: a camera answers with the nearest mode it has.
            capture.Set(VideoCaptureProperties.FrameWidth, format.Width);
            capture.Set(VideoCaptureProperties.FrameHeight, format.Height);
            capture.Set(VideoCaptureProperties.Fps, format.Fps);
        }

        return new OpenCvVideoSource(source, capture);
    }

    /// <summary>
    /// Reads the next frame into <paramref name="frame"/>, starting a file again at its end. False when a
    /// camera delivers nothing (unplugged) or a file gives no frame even from its start.
    /// </summary>
    public bool Read(Mat frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (_capture.Read(frame) && !frame.Empty())
        {
            return true;
        }

        if (!IsFile)
        {
            return false;
        }

        // End of file: seek to the start; some containers cannot seek, so open the file afresh if that fails.
        Loops++;
        if (_capture.Set(VideoCaptureProperties.PosFrames, 0) && _capture.Read(frame) && !frame.Empty())
        {
            return true;
        }

        _capture.Dispose();
        _capture = OpenCapture(_source);
        return _capture.IsOpened() && _capture.Read(frame) && !frame.Empty();
    }

    public void Dispose() => _capture.Dispose();

    public override string ToString() => _source.ToString();

    private static VideoCapture OpenCapture(CaptureSource source) =>
        source.Kind == CaptureSourceKind.OpenCvDevice
            ? new VideoCapture(source.DeviceIndex, VideoCaptureAPIs.ANY)
            : new VideoCapture(source.Path!, VideoCaptureAPIs.FFMPEG);

    private static Exception Innermost(Exception ex) => ex.InnerException is { } inner ? Innermost(inner) : ex;
}
