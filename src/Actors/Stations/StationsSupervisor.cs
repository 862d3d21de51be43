using ActorStream.Actors.FanOut;
using ActorStream.Actors.Logging;
using ActorStream.Media.Ffmpeg;
using ActorStream.Media.Multicast;
using ActorStream.Messages.Stations;
using ActorStream.Messages.Viewer;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorStream.Actors.Stations;

/// <summary>
/// /user/stations: parent of every station of this seed node, and the keeper of their names and multicast groups.
/// It starts its initial stations, adds and removes stations by message (<see cref="AddStation"/>,
/// <see cref="RemoveStation"/>), lists them (<see cref="ListStations"/>, asking each station with a timeout and piping
/// the answers back, so it never waits), and hands <see cref="ViewerNodeGone"/> to all. A station that fails is
/// restarted alone; everything below it (its pipeline and destinations) is rebuilt from its settings.
/// Turning a request (<see cref="StationSpec"/>) into settings reads the seed's configuration, so it is given as a
/// delegate, which throws with a clear message for a bad request; groups are allocated here, where the taken ones
/// are known.
/// </summary>
public sealed class StationsSupervisor : ReceiveActor
{
    public const string Name = "stations";

    private readonly IReadOnlyList<StationSettings> _initial;
    private readonly FfmpegInstallation _ffmpeg;
    private readonly MulticastSettings _multicast;
    private readonly Func<StationSpec, StationSettings> _build;
    private readonly TimeSpan _askTimeout;
    private readonly MulticastGroupAllocator _groups;
    private readonly Dictionary<string, Entry> _stations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> _stopping = new(StringComparer.Ordinal);
    private readonly ILogger _log;

    /// <summary>A fixed set of stations; adding by message is refused, and they take their groups as the settings say.</summary>
    public StationsSupervisor(IReadOnlyList<StationSettings> stations, FfmpegInstallation ffmpeg)
        : this(stations, ffmpeg, new MulticastSettings(),
            spec => throw new InvalidOperationException("this seed does not take stations at run time"), null)
    {
    }

    /// <param name="stations">Started at once; each takes the group its settings ask for, or the next free one.</param>
    /// <param name="ffmpeg">The ffmpeg every station runs.</param>
    /// <param name="multicast">The range groups come from, and their TTL and interface.</param>
    /// <param name="build">Turns a request into settings; throws (any exception, its message the reason) when it is bad.</param>
    /// <param name="askTimeout">How long a list waits for each station (default 2 s); a silent one is listed from its settings.</param>
    public StationsSupervisor(IReadOnlyList<StationSettings> stations, FfmpegInstallation ffmpeg, MulticastSettings multicast,
        Func<StationSpec, StationSettings> build, TimeSpan? askTimeout)
    {
        _initial = stations;
        _ffmpeg = ffmpeg;
        _multicast = multicast;
        _build = build;
        _askTimeout = askTimeout ?? TimeSpan.FromSeconds(2);
        _groups = new MulticastGroupAllocator(multicast.Range, multicast.Port);
        _log = Context.System.LoggerFactory().CreateLogger<StationsSupervisor>();

        // A viewer node left the cluster: every station drops that node's viewers.
        Receive<ViewerNodeGone>(gone =>
        {
            foreach (var entry in _stations.Values)
            {
                entry.Station.Tell(gone, ActorRefs.NoSender);
            }
        });
        Receive<AddStation>(HandleAdd);
        Receive<RemoveStation>(HandleRemove);
        Receive<ListStations>(_ =>
        {
            var sender = Sender;
            Snapshots().ContinueWith(t => (object)new StationList(t.Result.Select(s => s.Info).ToList()),
                TaskContinuationOptions.ExecuteSynchronously).PipeTo(sender);
        });
        Receive<GetStationSnapshots>(_ =>
        {
            var sender = Sender;
            Snapshots().ContinueWith(t => (object)new StationSnapshots(t.Result),
                TaskContinuationOptions.ExecuteSynchronously).PipeTo(sender);
        });
        Receive<Terminated>(HandleTerminated);
    }

    protected override void PreStart()
    {
        // Stations that ask for a group take theirs first: an allocated group never takes one a later station names.
        foreach (var settings in _initial.OrderBy(s => s.Group is null || s.Unicast ? 1 : 0))
        {
            if (!TryStart(settings, out var error))
            {
                // The seed checked its configured stations before it started, so this is a bug, not a user's mistake.
                _log.LogError("Station {Station} not started: {Reason}", settings.Name, error);
            }
        }
    }

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(10, TimeSpan.FromMinutes(1), _ => Directive.Restart);

    private void HandleAdd(AddStation add)
    {
        var name = add.Spec?.Name ?? string.Empty;
        if (StationNames.Problem(name) is { } nameProblem)
        {
            Sender.Tell(new StationRejected(name, nameProblem));
            return;
        }

        if (_stations.ContainsKey(name) || _stopping.ContainsKey(name))
        {
            Sender.Tell(new StationRejected(name, _stopping.ContainsKey(name)
                ? $"station {name} is still stopping; add it again in a moment"
                : $"a station named {name} already runs; remove it first or choose another name"));
            return;
        }

        StationSettings settings;
        try
        {
            settings = _build(add.Spec!) with { Name = name };
        }
        catch (Exception ex)
        {
            _log.LogWarning("Station {Station} refused: {Reason}", name, ex.Message);
            Sender.Tell(new StationRejected(name, ex.Message));
            return;
        }

        if (!TryStart(settings, out var error))
        {
            _log.LogWarning("Station {Station} refused: {Reason}", name, error);
            Sender.Tell(new StationRejected(name, error));
            return;
        }

        var entry = _stations[name];
        Describe(entry).ContinueWith(t => (object)new StationAdded(t.Result.Info), TaskContinuationOptions.ExecuteSynchronously)
            .PipeTo(Sender);
    }

    private void HandleRemove(RemoveStation remove)
    {
        var name = remove.Name ?? string.Empty;
        if (_stopping.TryGetValue(name, out var stopping))
        {
            stopping.Removers.Add(Sender);
            return;
        }

        if (!_stations.Remove(name, out var entry))
        {
            var known = _stations.Count == 0 ? "none" : string.Join(", ", _stations.Keys.Order(StringComparer.Ordinal));
            Sender.Tell(new StationNotFound(name.Length == 0 ? "" : name));
            _log.LogInformation("Remove of unknown station {Station} (stations: {Known})", name, known);
            return;
        }

        _stopping[name] = entry;
        entry.Removers.Add(Sender);
        _log.LogInformation("Station {Station} removed: stopping it", name);
        // Answered when it has stopped, so that "removed" means silent, and the name can be used again at once.
        entry.Station.Tell(new CloseStation("the station was removed from the seed"), Self);
    }

    private void HandleTerminated(Terminated terminated)
    {
        var stopped = _stopping.Values.Concat(_stations.Values).FirstOrDefault(e => e.Station.Equals(terminated.ActorRef));
        if (stopped is null)
        {
            return;
        }

        var name = stopped.Settings.Name;
        if (stopped.Settings.Group is { } group)
        {
            _groups.Release(group);
        }

        // The metrics actor drops its figures (it would otherwise show the last ones until they age out).
        Context.System.EventStream.Publish(new StationRemoved(name));

        if (_stopping.Remove(name))
        {
            _log.LogInformation("Station {Station} stopped", name);
            foreach (var remover in stopped.Removers.Where(r => !r.IsNobody()))
            {
                remover.Tell(new StationRemoved(name));
            }
        }
        else
        {
            // Stopped by the strategy after failing too often: it is gone, and so are its name and group.
            _stations.Remove(name);
            _log.LogError("Station {Station} stopped after repeated failures; removed", name);
        }
    }

    /// <summary>Gives the station its group (unless unicast), starts it and registers it.</summary>
    private bool TryStart(StationSettings requested, out string error)
    {
        var settings = requested with { Multicast = _multicast };
        if (settings.Unicast)
        {
            settings = settings with { Group = null };
        }
        else if (settings.Group is { } asked)
        {
            if (!_groups.TryReserve(asked, out error))
            {
                var holder = _stations.Values.Concat(_stopping.Values).FirstOrDefault(e => Equals(e.Settings.Group, asked));
                error = holder is null ? error : $"{error} ({holder.Settings.Name})";
                return false;
            }
        }
        else if (_groups.TryAllocate(out var allocated, out error))
        {
            settings = settings with { Group = allocated };
        }
        else
        {
            return false;
        }

        var ffmpeg = _ffmpeg;
        var station = Context.ActorOf(Props.Create(() => new Station(settings, ffmpeg)), settings.Name);
        Context.Watch(station);
        _stations[settings.Name] = new Entry(settings, station);
        _log.LogInformation("Station {Station} started: {Source}, {Group}", settings.Name, settings.Capture.Source,
            settings.Group is null ? "unicast" : "multicast group " + settings.Group);
        error = string.Empty;
        return true;
    }

    /// <summary>Every running station's snapshot, by name; one that does not answer in time is described from its settings.</summary>
    private Task<IReadOnlyList<StationSnapshot>> Snapshots()
    {
        var asks = _stations.Values.Select(Describe).ToList();
        return Task.WhenAll(asks).ContinueWith(
            t => (IReadOnlyList<StationSnapshot>)t.Result.OrderBy(s => s.Info.Name, StringComparer.Ordinal).ToList(),
            TaskContinuationOptions.ExecuteSynchronously);
    }

    private Task<StationSnapshot> Describe(Entry entry)
    {
        var settings = entry.Settings;
        return entry.Station.Ask<StationSnapshot>(GetStationSnapshot.Instance, _askTimeout).ContinueWith(
            t => t.IsCompletedSuccessfully
                ? t.Result
                : new StationSnapshot(
                    new StationStatus(settings.Name, 0, 0, 0, 0, 0, 0, 0, null, null),
                    StationDescription.FromSettings(settings, "not answering")),
            TaskContinuationOptions.ExecuteSynchronously);
    }

    /// <summary>A station as the supervisor keeps it: its settings (with its group) and its actor, and who asked to remove it.</summary>
    private sealed record Entry(StationSettings Settings, IActorRef Station)
    {
        public List<IActorRef> Removers { get; } = [];
    }
}
