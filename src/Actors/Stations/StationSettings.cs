using ActorStream.Actors.FanOut;
using ActorStream.Actors.Pipeline;
using ActorStream.Actors.Rtsp;
using ActorStream.Media.Ffmpeg;
using ActorStream.Media.Multicast;

namespace ActorStream.Actors.Stations;

/// <summary>Everything one station runs with: its source, its encoding, its fan-out, and how its ffmpeg
/// processes are restarted (actorstream.station in reference.conf).</summary>
public sealed record StationSettings
{
    public string Name { get; init; } = "main";

    public CaptureSettings Capture { get; init; } = new();

    public EncoderJob Encoder { get; init; } = new(new EncoderSettings());

    public FanOutSettings FanOut { get; init; } = new();

    /// <summary>First wait before a dead ffmpeg is started again; doubles up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Up to this fraction is added to each wait at random, so restarts do not march in step.</summary>
    public double RandomFactor { get; init; } = 0.2;

    /// <summary>Destination URIs added when the station starts.</summary>
    public IReadOnlyList<string> Destinations { get; init; } = [];

    /// <summary>
    /// The station's multicast group. Before the stations' supervisor starts the station: the group asked for (null:
    /// the next free one of the range); as the station runs: its group, or null when it is <see cref="Unicast"/>.
    /// </summary>
    public MulticastGroup? Group { get; init; }

    /// <summary>No multicast group: every viewer gets a unicast copy (networks without multicast).</summary>
    public bool Unicast { get; init; }

    /// <summary>TTL and outgoing interface the group is sent with.</summary>
    public MulticastSettings Multicast { get; init; } = new();

    /// <summary>The seed's RTSP settings, which the station's RTP stream (its "rtp" child) follows; with RTSP off it has none.</summary>
    public RtspSettings Rtsp { get; init; } = RtspSettings.Default;

    /// <summary>How long a file source's ffprobe may take before its properties are given from the settings alone.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Where RTSP clients play the station (rtsp://HOST:PORT/NAME), for lists; null when the seed serves no RTSP.</summary>
    public string? RtspUrl { get; init; }
}
