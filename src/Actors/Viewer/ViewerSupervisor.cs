using ActorStream.Actors.Logging;
using ActorStream.Actors.Cluster;
using ActorStream.Media.Receive;
using ActorStream.Messages.Cluster;
using ActorStream.Messages.Stations;
using ActorStream.Messages.Viewer;
using Akka.Actor;
using Akka.Cluster;
using static Akka.Cluster.ClusterEvent;
using Microsoft.Extensions.Logging;

namespace ActorStream.Actors.Viewer;

/// <summary>
/// /user/viewer on a viewer node: it watches one station at a time, through one <see cref="Receiver"/> child.
/// <list type="bullet">
/// <item><see cref="SwitchStation"/>: checked against the seed's station list (<see cref="ListStations"/>), then the old
/// receiver stops (its figures end, its group is left) and a new one of the new station starts from zero.</item>
/// <item><see cref="Pause"/> stops the receiver (unsubscribed, group left: nothing arrives); <see cref="Resume"/> starts a
/// new one; both are answered with <see cref="ViewingState"/>, as is <see cref="GetViewingState"/>.</item>
/// <item>A receiver told <see cref="StationClosed"/> (the station was removed) is stopped, and the notice is published on
/// the event stream for whoever shows it; the viewer then watches nothing until switched.</item>
/// </list>
/// The output (a recording, a re-emit, a player) belongs to this supervisor or to the node, not to a receiver, so it
/// carries on across switches and pauses. When a camera node comes Up (the seed started again) the receiver subscribes
/// again at once instead of waiting for its keep-alive, so viewers get the stream back without being restarted.
/// </summary>
public sealed class ViewerSupervisor : ReceiveActor
{
    public const string Name = "viewer";
    public const string CameraRole = "camera";

    private readonly ReceiverSettings _settings;
    private readonly Address _seed;
    private readonly TimeSpan _clockSyncInterval;
    private readonly ILogger _log;
    private readonly ActorSelection _stations;
    private readonly ActorSelection _metrics;
    private SharedOutput? _output;
    private bool _ownsOutput;
    private string? _station;
    private string? _lastStation;
    private bool _paused;
    // The watched station's group as last known (from the station list, then from the receiver); null for unicast.
    private string? _group;
    private IActorRef? _receiver;
    private ClockOffsetEstimated? _offset;
    private int _incarnation;

    /// <param name="settings">How receivers receive; its <see cref="ReceiverSettings.Station"/> is watched from the start
    /// ("" watches nothing until a <see cref="SwitchStation"/>).</param>
    /// <param name="seed">The seed node's address; stations are found at {seed}/user/stations/{station}.</param>
    /// <param name="clockSyncInterval">Time between pings of the seed's clock.</param>
    /// <param name="output">The output receivers write to, kept open by the caller; null opens <see cref="ReceiverSettings.Output"/>
    /// here and closes it when this actor stops.</param>
    public ViewerSupervisor(ReceiverSettings settings, Address seed, TimeSpan clockSyncInterval, SharedOutput? output = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(seed);
        _clockSyncInterval = clockSyncInterval;
        _settings = settings;
        _seed = seed;
        _output = output;
        _log = Context.System.LoggerFactory().CreateLogger<ViewerSupervisor>();
        // Selections by path, not refs: only a path finds the station again after the seed restarted.
        _stations = Context.System.ActorSelection($"{_seed}/user/stations");
        _metrics = Context.System.ActorSelection($"{_seed}/user/{Metrics.MetricsActor.Name}");

        Receive<SwitchStation>(switching =>
        {
            var name = switching.Station?.Trim() ?? string.Empty;
            if (name.Length == 0)
            {
                Sender.Tell(new ViewerCommandRefused("no station named: say which station to watch"));
                return;
            }

            // Checked with the seed first: a typo must not leave the viewer watching nothing.
            var replyTo = Sender;
            _stations.Ask<StationList>(ListStations.Instance, _settings.SubscribeTimeout)
                .PipeTo(Self, replyTo, list => new SwitchChecked(name, list), ex => new SwitchCheckFailed(name, ex));
        });
        Receive<SwitchChecked>(checkedSwitch =>
        {
            var info = checkedSwitch.List.Stations.FirstOrDefault(s => s.Name == checkedSwitch.Station);
            if (info is null)
            {
                var names = checkedSwitch.List.Stations.Count == 0 ? "none" : string.Join(", ", checkedSwitch.List.Stations.Select(s => s.Name));
                Sender.Tell(new ViewerCommandRefused($"the seed has no station '{checkedSwitch.Station}' (stations: {names})"));
                return;
            }

            Watch(info.Name, _settings.Multicast ? info.Group : null);
            Sender.Tell(State());
        });
        Receive<SwitchCheckFailed>(failed =>
        {
            var reason = failed.Error is AskTimeoutException
                ? $"the seed's stations did not answer within {_settings.SubscribeTimeout.TotalSeconds:0.#} s"
                : $"the seed's stations cannot be asked: {failed.Error.Message}";
            Sender.Tell(new ViewerCommandRefused($"cannot switch to '{failed.Station}': {reason}"));
        });
        Receive<Pause>(_ =>
        {
            if (_station is null)
            {
                Sender.Tell(new ViewerCommandRefused("no station is being watched: nothing to pause"));
                return;
            }

            if (!_paused)
            {
                _log.LogInformation("Pausing station {Station}: leaving it until resumed", _station);
                StopReceiver();
                _paused = true;
            }

            Sender.Tell(State());
        });
        Receive<Resume>(_ =>
        {
            if (_station is null)
            {
                Sender.Tell(new ViewerCommandRefused("no station to resume: pick one"));
                return;
            }

            if (_paused)
            {
                _log.LogInformation("Resuming station {Station}", _station);
                _paused = false;
                StartReceiver(_station);
            }

            Sender.Tell(State());
        });
        Receive<GetViewingState>(_ => Sender.Tell(State()));
        Receive<ReceiverTransport>(transport => Sender.Equals(_receiver), transport => _group = transport.Group);
        Receive<StationClosed>(closed => Sender.Equals(_receiver), closed =>
        {
            _log.LogWarning("Station {Station} was removed ({Reason}); watching nothing until another is picked", closed.Station, closed.Reason);
            StopReceiver();
            _station = null;
            _paused = false;
            _group = null;
            Context.System.EventStream.Publish(closed);
        });
        Receive<MemberUp>(up =>
        {
            if (up.Member.HasRole(CameraRole) && _receiver is not null)
            {
                _log.LogInformation("Camera node {Address} is up: subscribing again", up.Member.UniqueAddress.Address);
                _receiver.Tell(Resubscribe.Instance, ActorRefs.NoSender);
            }
        });
        // The seed's clock, as the clock-sync child estimates it: the receiver needs it for latency; kept for the next one.
        Receive<ClockOffsetEstimated>(offset =>
        {
            _offset = offset;
            _receiver?.Tell(offset, ActorRefs.NoSender);
        });
        Receive<GetReceiverStatus>(query =>
        {
            if (_receiver is not null)
            {
                _receiver.Forward(query);
            }
            else
            {
                // Paused, closed or nothing picked: nothing is received, and the status says so.
                Sender.Tell(new ReceiverStatus(string.Empty, _station ?? _lastStation ?? string.Empty, false, 0, 0, 0, 0, 0, 0, 0, null,
                    _output?.Description ?? _settings.Output.Text, 0, 0));
            }
        });
        ReceiveAny(_ => { });
    }

    public static Props Props(ReceiverSettings settings, Address seed, TimeSpan clockSyncInterval, SharedOutput? output = null) =>
        Akka.Actor.Props.Create(() => new ViewerSupervisor(settings, seed, clockSyncInterval, output));

    protected override void PreStart()
    {
        if (_output is null)
        {
            _output = new SharedOutput(_settings.Output.Open(Context.System.LoggerFactory(), _settings.Command));
            _ownsOutput = true;
        }

        Context.ActorOf(ClockSync.Props(Context.System.ActorSelection($"{_seed}/user/{ClockResponder.Name}"), _clockSyncInterval), ClockSync.Name);
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, typeof(IMemberEvent));

        // The configured station is watched without asking the seed first: the seed may not be up yet, and a
        // receiver keeps subscribing until the station answers.
        if (_settings.Station.Trim().Length > 0)
        {
            Watch(_settings.Station.Trim(), null);
        }
    }

    protected override void PostStop()
    {
        Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
        if (_ownsOutput && _output is { } output)
        {
            _output = null;
            // The receivers (stopped with this actor) end their leases; the output is closed after them.
            _ = output.DisposeAsync().AsTask().ContinueWith(
                t => _log.LogWarning(t.Exception, "Closing output {Output} failed", output.Description),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    private ViewingState State() => new(_station, _paused, _paused ? null : _group);

    /// <summary>Watches <paramref name="station"/> from now on (unpaused): a new receiver unless it is watched already.</summary>
    private void Watch(string station, string? expectedGroup)
    {
        if (station == _station && !_paused && _receiver is not null)
        {
            return;
        }

        _log.LogInformation("Watching station {Station}{Previous}", station, _station is null || _station == station ? "" : $" instead of {_station}");
        StopReceiver();
        _station = station;
        _paused = false;
        _group = expectedGroup;
        StartReceiver(station);
    }

    private void StartReceiver(string station)
    {
        var stationRef = Context.System.ActorSelection($"{_seed}/user/stations/{station}");
        // A receiver of the same station that is still stopping holds its name until it has stopped.
        var baseName = ActorPath.IsValidPathElement(station) ? station : "receiver";
        var name = Context.Child(baseName).IsNobody() ? baseName : $"{baseName}-{++_incarnation}";
        _receiver = Context.ActorOf(Receiver.Props(_settings with { Station = station }, stationRef, _metrics, _output), name);
        _lastStation = station;
        if (_offset is { } offset)
        {
            _receiver.Tell(offset, ActorRefs.NoSender);
        }
    }

    /// <summary>Stops the receiver; the station's group stays known, for a resume.</summary>
    private void StopReceiver()
    {
        if (_receiver is { } receiver)
        {
            _receiver = null;
            Context.Stop(receiver);
        }
    }

    /// <summary>The seed's station list arrived for a switch to <paramref name="Station"/>.</summary>
    private sealed record SwitchChecked(string Station, StationList List);

    /// <summary>The seed's station list could not be had for a switch to <paramref name="Station"/>.</summary>
    private sealed record SwitchCheckFailed(string Station, Exception Error);
}
