using ActorStream.Media.Ffmpeg;
using ActorStream.Messages.Viewer;
using Akka.Actor;

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
        // A viewer node left the cluster: every station drops that node's viewers.
        Receive<ViewerNodeGone>(gone =>
        {
            foreach (var station in Context.GetChildren())
            {
                station.Tell(gone, ActorRefs.NoSender);
            }
        });
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
