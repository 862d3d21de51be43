using ActorStream.Actors.Logging;
using ActorStream.Actors.Viewer;
using ActorStream.Media.Transport;
using ActorStream.Messages.FanOut;
using ActorStream.Messages.Metrics;
using ActorStream.Messages.Pipeline;
using ActorStream.Messages.Viewer;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorStream.Actors.FanOut;

/// <summary>
/// Sends one station's stream to many destinations: one child actor per destination, added and removed by
/// message while the stream runs. Each encoded chunk is handed to every child as the same buffer. A child
/// that fails is restarted alone (or stopped after too many failures); the others never notice.
/// On each status tick it publishes a <see cref="DestinationsReport"/> of all its destinations on the event
/// stream (for the metrics actor). It keeps the latest <see cref="StreamClockReport"/> and hands each one to
/// every viewer's receiver, and the latest to a viewer's receiver as soon as it subscribes.
/// </summary>
public sealed class FanOutSender : ReceiveActor, IWithTimers
{
    private readonly FanOutSettings _settings;
    private readonly Dictionary<string, Entry> _byName = new(StringComparer.Ordinal);
    // Cluster viewers by viewer id: UDP destinations too, but added by subscription and removed when the
    // viewer, its receiver or its node goes.
    private readonly Dictionary<string, ViewerDestination> _viewers = new(StringComparer.Ordinal);
    private readonly ILogger _log;
    private readonly string _station;
    private IActorRef[] _children = [];
    private StreamClockReport? _clock;

    /// <summary>Named in its reports after its parent (a station actor is named after its station).</summary>
    public FanOutSender(FanOutSettings settings)
        : this(settings, null)
    {
    }

    /// <param name="settings">How it and its destinations behave.</param>
    /// <param name="station">The station it belongs to, as named in its reports; its parent's name when null.</param>
    public FanOutSender(FanOutSettings settings, string? station)
    {
        _settings = settings;
        _station = station ?? Context.Parent.Path.Name;
        _log = Context.System.LoggerFactory().CreateLogger<FanOutSender>();

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
        Receive<SubscribeViewer>(HandleSubscribe);
        Receive<UnsubscribeViewer>(HandleUnsubscribe);
        Receive<ViewerNodeGone>(HandleNodeGone);
        Receive<ListDestinations>(_ => Sender.Tell(new DestinationList(AllStatuses())));
        Receive<StreamClockReport>(HandleClock);
        Receive<DestinationStatus>(status =>
        {
            // A viewer's child reports as a plain UDP destination: known by who sent it, not by name.
            if (ViewerByChild(Sender) is { } viewer)
            {
                viewer.Update(status);
            }
            else if (_byName.TryGetValue(status.Name, out var entry))
            {
                entry.Status = status;
            }
        });
        Receive<DestinationStarted>(started =>
        {
            if (ViewerByChild(Sender) is { } viewer)
            {
                if (viewer.Starts++ > 0)
                {
                    _log.LogWarning("Viewer destination {Name} restarted (restart {Count})", viewer.Name, viewer.Restarts);
                }
            }
            else if (_byName.TryGetValue(started.Name, out var entry) && entry.Starts++ > 0)
            {
                _log.LogWarning("Destination {Name} restarted (restart {Count})", started.Name, entry.Restarts);
            }
        });
        Receive<Terminated>(terminated =>
        {
            if (HandleViewerTerminated(terminated.ActorRef))
            {
                return;
            }

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

            foreach (var viewer in _viewers.Values)
            {
                drops += viewer.Status.Drops;
                bytes += viewer.Status.Bytes;
            }

            Context.Parent.Tell(new FanOutSummary(_byName.Count + _viewers.Count, drops, bytes));
            Context.System.EventStream.Publish(new DestinationsReport(_station, DateTime.UtcNow, AllStatuses()));
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
        for (var n = 2; !Context.Child(actorName).IsNobody(); n++)
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

    private void HandleSubscribe(SubscribeViewer subscribe)
    {
        if (!ViewerDestination.TryValidate(subscribe, out var uri, out var error))
        {
            _log.LogWarning("Viewer {ViewerId} refused: {Reason}", subscribe.ViewerId, error);
            Sender.Tell(new ViewerRejected(subscribe.ViewerId ?? "", error));
            return;
        }

        if (_viewers.TryGetValue(subscribe.ViewerId, out var existing))
        {
            if (existing.Uri.Canonical == uri.Canonical)
            {
                // The keep-alive (or a repeat after a lost reply): nothing to start, but the receiver may be new,
                // and a new one needs the stream's clock now.
                var newReceiver = !existing.Receiver.Equals(subscribe.Receiver);
                if (newReceiver)
                {
                    UnwatchReceiver(existing);
                    existing.Receiver = subscribe.Receiver;
                    WatchReceiver(existing);
                }

                existing.NodeAddress = subscribe.NodeAddress ?? string.Empty;
                Sender.Tell(new ViewerSubscribed(existing.ViewerId, existing.Name, AlreadyPresent: true));
                if (newReceiver)
                {
                    SendClock(existing);
                }

                return;
            }

            // Same viewer, new address or port (its receiver was started again): the old destination goes.
            RemoveViewer(existing, "moved to " + uri.Canonical);
        }

        var name = ViewerDestination.NameFor(subscribe.ViewerId);
        var actorName = name;
        for (var n = 2; !Context.Child(actorName).IsNobody() || _viewers.Values.Any(v => v.Name == actorName); n++)
        {
            actorName = $"{name}~{n}";
        }

        var child = Context.ActorOf(DestinationProps.For(uri, _settings), actorName);
        Context.Watch(child);
        var viewer = new ViewerDestination(subscribe, uri, actorName, child);
        _viewers[viewer.ViewerId] = viewer;
        WatchReceiver(viewer);
        RebuildChildren();
        _log.LogInformation("Viewer {ViewerId} of {Node} subscribed: sending to {Uri}", viewer.ViewerId, viewer.NodeAddress, uri.Canonical);
        Sender.Tell(new ViewerSubscribed(viewer.ViewerId, viewer.Name, AlreadyPresent: false));
        // A new receiver cannot measure latency until it knows the stream's clock: it need not wait for the next.
        SendClock(viewer);
    }

    private void HandleClock(StreamClockReport report)
    {
        _clock = report;
        foreach (var viewer in _viewers.Values)
        {
            if (ViewerDestination.IsWatchable(viewer.Receiver))
            {
                viewer.Receiver.Tell(report, Self);
            }
        }
    }

    private void SendClock(ViewerDestination viewer)
    {
        if (_clock is not null && ViewerDestination.IsWatchable(viewer.Receiver))
        {
            viewer.Receiver.Tell(_clock, Self);
        }
    }

    private List<DestinationStatus> AllStatuses() =>
        _byName.Values.Select(e => e.Status with { Restarts = e.Restarts })
            .Concat(_viewers.Values.Select(v => v.Report()))
            .OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

    private void HandleUnsubscribe(UnsubscribeViewer unsubscribe)
    {
        if (unsubscribe.ViewerId is null || !_viewers.TryGetValue(unsubscribe.ViewerId, out var viewer))
        {
            Sender.Tell(new ViewerUnsubscribed(unsubscribe.ViewerId ?? "", "", WasSubscribed: false));
            return;
        }

        RemoveViewer(viewer, "unsubscribed");
        Sender.Tell(new ViewerUnsubscribed(viewer.ViewerId, viewer.Name, WasSubscribed: true));
    }

    private void HandleNodeGone(ViewerNodeGone gone)
    {
        var removed = _viewers.Values.Where(v => string.Equals(v.NodeAddress, gone.NodeAddress, StringComparison.Ordinal)).ToList();
        foreach (var viewer in removed)
        {
            RemoveViewer(viewer, $"its node {gone.NodeAddress} is gone");
        }

        if (!Sender.Equals(Context.System.DeadLetters))
        {
            Sender.Tell(new ViewersRemoved(gone.NodeAddress ?? "", removed.Select(v => v.ViewerId).ToList()));
        }
    }

    /// <summary>True when the terminated actor was a viewer's receiver or a viewer's destination child.</summary>
    private bool HandleViewerTerminated(IActorRef actor)
    {
        if (ViewerByChild(actor) is { } failed)
        {
            _log.LogError("Viewer destination {Name} stopped after repeated failures; removed", failed.Name);
            _viewers.Remove(failed.ViewerId);
            UnwatchReceiver(failed);
            RebuildChildren();
            return true;
        }

        var stopped = _viewers.Values.Where(v => v.Receiver.Equals(actor)).ToList();
        foreach (var viewer in stopped)
        {
            RemoveViewer(viewer, "its receiver stopped");
        }

        return stopped.Count > 0;
    }

    private void RemoveViewer(ViewerDestination viewer, string why)
    {
        _viewers.Remove(viewer.ViewerId);
        UnwatchReceiver(viewer);
        Context.Unwatch(viewer.Child);
        Context.Stop(viewer.Child);
        RebuildChildren();
        _log.LogInformation("Viewer {ViewerId} removed ({Why}): no longer sending to {Uri}", viewer.ViewerId, why, viewer.Uri.Canonical);
    }

    private void WatchReceiver(ViewerDestination viewer)
    {
        if (ViewerDestination.IsWatchable(viewer.Receiver))
        {
            Context.Watch(viewer.Receiver);
        }
    }

    private void UnwatchReceiver(ViewerDestination viewer)
    {
        // Another subscription may come from the same receiver (a second station of the same fan-out is not
        // possible, but a re-subscription under a new id is): keep watching while one still uses it.
        if (ViewerDestination.IsWatchable(viewer.Receiver) && !_viewers.Values.Any(v => v.Receiver.Equals(viewer.Receiver)))
        {
            Context.Unwatch(viewer.Receiver);
        }
    }

    private ViewerDestination? ViewerByChild(IActorRef actor)
    {
        foreach (var viewer in _viewers.Values)
        {
            if (viewer.Child.Equals(actor))
            {
                return viewer;
            }
        }

        return null;
    }

    private void RebuildChildren() =>
        _children = _byName.Values.Select(e => e.Child).Concat(_viewers.Values.Select(v => v.Child)).ToArray();

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
