namespace ActorStream.Actors.Rtsp;

/// <summary>What a <see cref="StationRtpStream"/> knows of one RTSP session it sends to: the tracks it plays, and whether
/// its first packets (from a keyframe) have gone out.</summary>
internal sealed class StationRtpSession(IReadOnlySet<int> tracks)
{
    public IReadOnlySet<int> Tracks { get; } = tracks;

    public bool Started { get; set; }
}
