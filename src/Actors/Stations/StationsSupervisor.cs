using ActorStream.Media.Ffmpeg;
using ActorStream.Runtime.Actor;

namespace ActorStream.Actors.Stations;

/// <summary>
/// /user/stations: parent of every station of this seed node. A station that fails is restarted alone;
/// everything below it (its pipeline and destinations) is rebuilt from its settings.
/// </summary>
public sealed class StationsSupervisor : ReceiveActor
{
    public const string Name = "stations";

    private readonly IReadOnlyList<StationSettings> _stations;
    private readonly FfmpegInstallation _ffmpeg;

    public StationsSupervisor(IReadOnlyList<StationSettings> stations, FfmpegInstallation ffmpeg)
    {
        _stations = stations;
        _ffmpeg = ffmpeg;
    }

    protected override void PreStart()
    {
        var ffmpeg = _ffmpeg;
        foreach (var settings in _stations)
        {
            Context.ActorOf(Props.Create(() => new Station(settings, ffmpeg)), settings.Name);
        }
    }

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(10, TimeSpan.FromMinutes(1), _ => Directive.Restart);
}
