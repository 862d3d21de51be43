using ActorStream.Media.Transport;
using ActorStream.Messages.FanOut;
using ActorStream.Messages.Pipeline;
using ActorStream.Runtime.Actor;
using Microsoft.Extensions.Logging;

namespace ActorStream.Actors.FanOut;

/// <summary>
/// Sends one station's stream to many destinations: one child actor per destination, added and removed by
/// message while the stream runs. Each encoded chunk is handed to every child as the same buffer. A child
/// that fails is restarted alone (or stopped after too many failures); the others never notice.
/// </summary>
public sealed class FanOutSender : ReceiveActor, IWithTimers
{
    private readonly FanOutSettings _settings;
    private readonly Dictionary<string, Entry> _byName = new(StringComparer.Ordinal);
    private readonly ILogger _log;
    private IActorRef[] _children = [];

    public FanOutSender(FanOutSettings settings)
    {
        _settings = settings;
        _log = Context.System.LoggerFactory.CreateLogger<FanOutSender>();

        Receive<EncodedChunk>(chunk =>
        {
            // The hot path: one Tell per destination, the chunk itself shared.
            foreach (var child in _children)
            {
                child.Tell(chunk, ActorRefs.NoSender);
            }
        });
        Receive<AddDestination>(HandleAdd);
        Receive<RemoveDestination>(HandleRemove);
        Receive<ListDestinations>(_ => Sender.Tell(new DestinationList(
            _byName.Values.Select(e => e.Status with { Restarts = e.Restarts }).OrderBy(s => s.Name, StringComparer.Ordinal).ToList())));
        Receive<DestinationStatus>(status =>
        {
            if (_byName.TryGetValue(status.Name, out var entry))
            {
                entry.Status = status;
            }
        });
        Receive<DestinationStarted>(started =>
        {
            if (_byName.TryGetValue(started.Name, out var entry) && entry.Starts++ > 0)
            {
                _log.LogWarning("Destination {Name} restarted (restart {Count})", started.Name, entry.Restarts);
            }
        });
        Receive<Terminated>(terminated =>
        {
            // A child stopped by the strategy after too many failures: it is gone, and so is its entry.
            var gone = _byName.Values.FirstOrDefault(e => e.Child.Equals(terminated.ActorRef));
            if (gone is not null)
            {
                _log.LogError("Destination {Uri} stopped after repeated failures; removed", gone.Uri.Canonical);
                _byName.Remove(gone.Uri.Name);
                RebuildChildren();
            }
        });
        Receive<StatusTick>(_ =>
        {
            var drops = 0L;
            var bytes = 0L;
            foreach (var entry in _byName.Values)
            {
                drops += entry.Status.Drops;
                bytes += entry.Status.Bytes;
            }

            Context.Parent.Tell(new FanOutSummary(_byName.Count, drops, bytes));
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() =>
        Timers.StartPeriodicTimer("status", StatusTick.Instance, _settings.StatusInterval);

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(_settings.MaxRestarts, _settings.RestartWindow, _ => Directive.Restart);

    private void HandleAdd(AddDestination add)
    {
        if (!DestinationUri.TryParse(add.Uri, out var uri, out var error))
        {
            Sender.Tell(new DestinationRejected(add.Uri ?? "", error));
            return;
        }

        if (_byName.ContainsKey(uri.Name))
        {
            Sender.Tell(new DestinationAdded(uri.Canonical, uri.Name, AlreadyPresent: true));
            return;
        }

        if (uri.Address is null)
        {
            // Host names are resolved once, here, so that a name that does not resolve is refused at once.
            Sender.Tell(new DestinationRejected(uri.Canonical,
                $"'{uri.Host}' is not an IP address; give the destination's address (name resolution is not supported for destinations)"));
            return;
        }

        if (uri.Kind == DestinationKind.TcpListen &&
            TcpListenDestination.CheckCanListen(new System.Net.IPEndPoint(uri.Address, uri.Port)) is { } listenError)
        {
            Sender.Tell(new DestinationRejected(uri.Canonical, listenError));
            return;
        }

        var props = DestinationProps.For(uri, _settings);
        // A removed destination's actor keeps its name until it has stopped; a quick re-add gets a fresh one.
        var actorName = uri.Name;
        for (var n = 2; Context.Child(actorName) is not null; n++)
        {
            actorName = $"{uri.Name}~{n}";
        }

        var child = Context.ActorOf(props, actorName);
        Context.Watch(child);
        _byName[uri.Name] = new Entry(uri, child);
        RebuildChildren();
        _log.LogInformation("Destination {Uri} added", uri.Canonical);
        Sender.Tell(new DestinationAdded(uri.Canonical, uri.Name, AlreadyPresent: false));
    }

    private void HandleRemove(RemoveDestination remove)
    {
        if (!DestinationUri.TryParse(remove.Uri, out var uri, out var error))
        {
            Sender.Tell(new DestinationNotFound(remove.Uri ?? "", error));
            return;
        }

        if (!_byName.Remove(uri.Name, out var entry))
        {
            Sender.Tell(new DestinationNotFound(uri.Canonical, $"no destination {uri.Canonical} is being sent to"));
            return;
        }

        Context.Unwatch(entry.Child);
        Context.Stop(entry.Child);
        RebuildChildren();
        _log.LogInformation("Destination {Uri} removed", uri.Canonical);
        Sender.Tell(new DestinationRemoved(uri.Canonical, uri.Name));
    }

    private void RebuildChildren() => _children = _byName.Values.Select(e => e.Child).ToArray();

    /// <summary>What the fan-out knows of one destination; changed only in this actor's handlers.</summary>
    private sealed class Entry(DestinationUri uri, IActorRef child)
    {
        public DestinationUri Uri { get; } = uri;
        public IActorRef Child { get; } = child;
        public int Starts { get; set; }
        public int Restarts => Math.Max(0, Starts - 1);
        public DestinationStatus Status { get; set; } = new(
            uri.Name, uri.Canonical, DestinationProps.KindName(uri.Kind), 0, 0, 0, 0, 0, false, 0, 0);
    }
}
