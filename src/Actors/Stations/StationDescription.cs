using ActorStream.Media.Ffmpeg;
using ActorStream.Media.Probe;
using ActorStream.Messages.Stations;

namespace ActorStream.Actors.Stations;

/// <summary>
/// What a station's properties say, from its settings and (for a file) what ffprobe found. Plain code.
/// The properties describe what the station SENDS, which is what a viewer picks by: an encoding station sends its
/// encoder's codec, size, frame rate and bitrate whatever its file holds, so those come from the settings, and the
/// probed file adds its length (it is looped). A station that copies its file (codec copy) sends the file as it is,
/// so everything comes from the probe. ProbedFrom is "ffprobe" whenever a file was probed.
/// </summary>
public static class StationDescription
{
    /// <summary>The audio the encoder sends: AAC of the capture's raw PCM.</summary>
    public static readonly string EncodedAudio =
        AudioDescription.Of("aac", RawAudioFormat.SampleRate, RawAudioFormat.Channels, layout: null);

    public static StationProperties Properties(StationSettings settings, ProbedMedia? probed)
    {
        var encoder = settings.Encoder.Settings;
        if (settings.Encoder.IsPassthrough)
        {
            return probed is null
                ? new StationProperties("copy", 0, 0, "unknown", 0, null, 0, null, "settings")
                : new StationProperties(probed.Codec, probed.Width, probed.Height, probed.AspectRatio, probed.FrameRate,
                    probed.DurationSeconds, probed.BitrateKbps, probed.Audio, "ffprobe");
        }

        var video = encoder.Video;
        return new StationProperties(
            VideoCodecNames.Name(encoder.Codec),
            video.Width,
            video.Height,
            AspectRatio.Of(video.Width, video.Height),
            video.Fps,
            probed?.DurationSeconds,
            encoder.BitrateKbps,
            encoder.Audio ? EncodedAudio : null,
            probed is null ? "settings" : "ffprobe");
    }

    /// <summary>The file a station's source reads, for probing; null for live sources.</summary>
    public static string? ProbedFile(StationSettings settings) =>
        settings.Capture.Source.Kind is CaptureSourceKind.File or CaptureSourceKind.OpenCvFile ? settings.Capture.Source.Path : null;

    /// <summary>
    /// The station as a list shows it when the station itself cannot say (it did not answer in time): its settings,
    /// in <paramref name="state"/>.
    /// </summary>
    public static StationInfo FromSettings(StationSettings settings, string state) => new(
        settings.Name,
        settings.Capture.Source.ToString(),
        settings.Group?.ToString(),
        settings.Multicast.Ttl,
        Properties(settings, null),
        state,
        0, 0, 0, 0, 0);
}
