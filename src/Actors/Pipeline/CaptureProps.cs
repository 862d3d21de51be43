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
            CaptureSourceKind.OpenCvDevice or CaptureSourceKind.OpenCvFile => OpenCvCapture.Props(settings, encoder, station),
            _ => Props.Create(() => new Capture(settings, ffmpeg, encoder, station)),
        };
    }
}
