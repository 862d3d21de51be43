using ActorStream.Media.Ffmpeg;
using Akka.Actor;

namespace ActorStream.Actors.Pipeline;

/// <summary>
/// Which capture actor a source needs: ffmpeg for patterns, files and V4L2 devices; OpenCV (OpenCvSharp4) for
/// <c>opencv:</c> sources. Both hand yuv420p <c>RawVideoFrame</c>s of the station's size to the encoder.
/// </summary>
public static class CaptureProps
{
    public static Props For(CaptureSettings settings, FfmpegInstallation ffmpeg, IActorRef encoder, IActorRef station)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Source.Kind switch
        {
            // OpenCvCapture is added with the OpenCV backend; until then an opencv: source fails clearly at start.
            CaptureSourceKind.OpenCvDevice or CaptureSourceKind.OpenCvFile =>
                throw new NotSupportedException($"Source '{settings.Source}' needs the OpenCV capture backend."),
            _ => Props.Create(() => new Capture(settings, ffmpeg, encoder, station)),
        };
    }
}
