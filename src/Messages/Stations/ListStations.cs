namespace ActorStream.Messages.Stations;

/// <summary>To /user/stations: answered with <see cref="StationList"/>, the stations sorted by name.</summary>
public sealed record ListStations
{
    public static ListStations Instance { get; } = new();
}

public sealed record StationList(IReadOnlyList<StationInfo> Stations);

/// <summary>One station as viewers and operators see it: where it is, what it carries, how it is doing.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Source">Its source as given (testsrc, file:PATH ...).</param>
/// <param name="Group">Its multicast group as ADDRESS:PORT; null when the station is unicast only.</param>
/// <param name="Ttl">The multicast TTL its group is sent with.</param>
/// <param name="Properties">What its stream carries.</param>
/// <param name="State">starting, running, restarting (an ffmpeg died and waits for its backoff) or stopped.</param>
/// <param name="Viewers">Cluster viewers subscribed now (multicast listeners and unicast destinations).</param>
/// <param name="FramesPerSecond">Encoder output over the last second.</param>
/// <param name="BitsPerSecond">Encoder output over the last second.</param>
/// <param name="Restarts">Encoder and capture restarts together.</param>
/// <param name="FramesEncoded">Video frames out of the encoder since the station started.</param>
/// <param name="Rtsp">Where RTSP clients play it (rtsp://HOST:PORT/NAME); null when the seed serves no RTSP.</param>
public sealed record StationInfo(
    string Name,
    string Source,
    string? Group,
    int Ttl,
    StationProperties Properties,
    string State,
    int Viewers,
    double FramesPerSecond,
    double BitsPerSecond,
    int Restarts,
    long FramesEncoded,
    string? Rtsp = null);

/// <summary>
/// What a station's stream carries, as the older station tool listed it. A file is probed (ffprobe through
/// FFMpegCore); a live source is described by its settings, and its measured output fills in the rest.
/// </summary>
/// <param name="Codec">Video codec sent: h264, h265 (or what a copied file holds).</param>
/// <param name="Width">Picture width in pixels.</param>
/// <param name="Height">Picture height in pixels.</param>
/// <param name="AspectRatio">Display aspect ratio, e.g. "16:9".</param>
/// <param name="FrameRate">Frames per second.</param>
/// <param name="DurationSeconds">A file's length (it is looped); null for live sources.</param>
/// <param name="BitrateKbps">Video bitrate: the setting, or the probed file's.</param>
/// <param name="Audio">Audio description, e.g. "aac 48000 Hz stereo"; null when none.</param>
/// <param name="ProbedFrom">"ffprobe" when a file was probed, "settings" otherwise.</param>
public sealed record StationProperties(
    string Codec,
    int Width,
    int Height,
    string AspectRatio,
    double FrameRate,
    double? DurationSeconds,
    int BitrateKbps,
    string? Audio,
    string ProbedFrom);
