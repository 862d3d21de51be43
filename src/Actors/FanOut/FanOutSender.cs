using ActorStream.Actors.Logging;
using ActorStream.Actors.Viewer;
using ActorStream.Media.Multicast;
using ActorStream.Media.Transport;
using ActorStream.Messages.FanOut;
using ActorStream.Messages.Metrics;
using ActorStream.Messages.Pipeline;
using ActorStream.Messages.Stations;
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
/// A station with a multicast group has the group as one of its destinations (started here, and not removable by
/// command): cluster viewers that ask for multicast then become listeners of the group, counted and watched like
/// viewers with a destination, but sent nothing of their own.
/// </summary>
public sealed class FanOutSender : ReceiveActor, IWithTimers
{
    private readonly FanOutSettings _settings;
    // Added destinations and cluster viewers alike; only subscription logic looks at a destination's viewer.
    private readonly DestinationRegistry _destinations = new();
    private readonly ILogger _log;
    private readonly string _station;
    private readonly MulticastGroup? _group;
    private readonly MulticastSettings _multicast;
    private readonly MulticastListeners _listeners = new();
    private readonly IActorRef _rtp;
    private readonly StreamSinks _sinks = new();
    private StreamClockReport? _clock;

    /// <summary>Named in its reports after its parent (a station actor is named after its station).</summary>
    public FanOutSender(FanOutSettings settings)
        : this(settings, null)
    {
    }

    /// <param name="settings">How it and its destinations behave.</param>
    /// <param name="station">The station it belongs to, as named in its reports; its parent's name when null.</param>
    public FanOutSender(FanOutSettings settings, string? station)
        : this(settings, station, null, null)
    {
    }

    /// <param name="settings">How it and its destinations behave.</param>
    /// <param name="station">The station it belongs to, as named in its reports; its parent's name when null.</param>
    /// <param name="group">The station's multicast group, sent to from the start; null for a unicast-only station.</param>
    /// <param name="multicast">TTL and outgoing interface of the group's destination.</param>
    /// <param name="rtp">The station's RTP stream, handed every chunk and clock report too; null for none.</param>
    public FanOutSender(FanOutSettings settings, string? station, MulticastGroup? group, MulticastSettings? multicast, IActorRef? rtp = null)
    {
        _rtp = rtp ?? ActorRefs.Nobody;
        _settings = settings;
        _station = station ?? Context.Parent.Path.Name;
        _group = group;
        _multicast = multicast ?? new MulticastSettings();
        _log = Context.System.LoggerFactory().CreateLogger<FanOutSender>();

        Receive<EncodedChunk>(chunk =>
        {
            // The hot path: one Tell per destination, the chunk itself shared.
            _rtp.Tell(chunk, ActorRefs.NoSender);
            foreach (var child in _destinations.Children)
            {
                child.Tell(chunk, ActorRefs.NoSender);
            }

            foreach (var sink in _sinks.Children)
            {
                sink.Tell(chunk, ActorRefs.NoSender);
            }
        });
        Receive<AttachStreamSink>(HandleAttach);
        Receive<DetachStreamSink>(detach =>
        {
            if (_sinks.ChildOf(detach.Id) is { } child)
            {
                RemoveSink(child, "detached");
            }
        });
        Receive<AddDestination>(HandleAdd);
        Receive<RemoveDestination>(HandleRemove);
        Receive<SubscribeViewer>(HandleSubscribe);
        Receive<UnsubscribeViewer>(HandleUnsubscribe);
        Receive<ViewerNodeGone>(HandleNodeGone);
        Receive<CloseStation>(HandleClose);
        Receive<ListDestinations>(_ => Sender.Tell(new DestinationList(AllStatuses())));
        Receive<StreamClockReport>(HandleClock);
        // Known by who sent it, not by the name in it: a viewer's child reports as a plain UDP destination.
        Receive<DestinationStatus>(status =>
        {
            if (_sinks.IsSink(Sender))
            {
                _sinks.Update(Sender, status);
                return;
            }

            _destinations.ByChild(Sender)?.Update(status);
        });
        Receive<DestinationStarted>(_ =>
        {
            if (_destinations.ByChild(Sender) is { } destination && destination.CountStart())
            {
                _log.LogWarning("Destination {Name} restarted (restart {Count})", destination.Name, destination.Restarts);
            }
        });
        Receive<Terminated>(terminated =>
        {
            if (_sinks.IsSink(terminated.ActorRef))
            {
                RemoveSink(terminated.ActorRef, "stopped after repeated failures");
                return;
            }

            // A child stopped by the strategy after too many failures: it is gone, and so is its destination.
            if (_destinations.ByChild(terminated.ActorRef) is { } failed)
            {
                _log.LogError("Destination {Name} ({Uri}) stopped after repeated failures; removed", failed.Name, failed.Uri.Canonical);
                Remove(failed);
                return;
            }

            foreach (var viewer in _destinations.ViewersWithReceiver(terminated.ActorRef))
            {
                // Akka ends every watch at an address when a node there is removed, a newer incarnation's receivers
                // included; node deaths come as ViewerNodeGone, which knows the incarnation.
                if (terminated.AddressTerminated && viewer.Viewer!.NodeUid != 0)
                {
                    continue;
                }

                RemoveViewer(viewer, "its receiver stopped", tellReceiver: true);
            }

            foreach (var listener in _listeners.WithReceiver(terminated.ActorRef))
            {
                if (terminated.AddressTerminated && listener.NodeUid != 0)
                {
                    continue;
                }

                RemoveListener(listener, "its receiver stopped", tellReceiver: true);
            }
        });
        Receive<StatusTick>(_ =>
        {
            Context.Parent.Tell(_destinations.Summary());
            Context.Parent.Tell(new FanOutViewers(_listeners.Count, _destinations.ViewerCount));
            Context.System.EventStream.Publish(new DestinationsReport(_station, DateTime.UtcNow, AllStatuses()));
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer("status", StatusTick.Instance, _settings.StatusInterval);
        if (_group is not null)
        {
            var uri = DestinationUri.Parse(_group.ToDestinationUri(_multicast.Ttl, _multicast.Interface));
            Start(uri, uri.Name, FreeActorName(uri.Name), viewer: null);
            _log.LogInformation("Station {Station} sends to its multicast group {Uri}", _station, uri.Canonical);
        }
    }

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(_settings.MaxRestarts, _settings.RestartWindow, _ => Directive.Restart);

    private void HandleAdd(AddDestination add)
    {
        if (!DestinationUri.TryParse(add.Uri, out var uri, out var error))
        {
            Sender.Tell(new DestinationRejected(add.Uri ?? "", error));
            return;
        }

        if (_destinations.ByName(uri.Name) is not null)
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

        Start(uri, uri.Name, FreeActorName(uri.Name), viewer: null);
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

        if (_group is not null && uri.Name == _group.DestinationName)
        {
            Sender.Tell(new DestinationNotFound(uri.Canonical,
                $"{_group} is station {_station}'s multicast group, which its viewers receive; remove the station instead"));
            return;
        }

        // A URI's name never starts with "viewer-": viewers are removed by their own messages only.
        if (_destinations.ByName(uri.Name) is not { } destination)
        {
            Sender.Tell(new DestinationNotFound(uri.Canonical, $"no destination {uri.Canonical} is being sent to"));
            return;
        }

        Remove(destination);
        _log.LogInformation("Destination {Uri} removed", uri.Canonical);
        Sender.Tell(new DestinationRemoved(uri.Canonical, uri.Name));
    }

    private void HandleSubscribe(SubscribeViewer subscribe)
    {
        if (subscribe.Multicast && !SubscribedViewer.TryValidateId(subscribe, out var idError))
        {
            _log.LogWarning("Viewer {ViewerId} refused: {Reason}", subscribe.ViewerId, idError);
            Sender.Tell(new ViewerRejected(subscribe.ViewerId ?? "", idError));
            return;
        }

        if (subscribe.Multicast && _group is not null)
        {
            SubscribeListener(subscribe);
            return;
        }

        if (subscribe.Multicast && subscribe.Port == 0)
        {
            // A unicast station, and the viewer has no socket yet: it opens one and asks again with its port.
            Sender.Tell(new ViewerSubscribed(subscribe.ViewerId, string.Empty, AlreadyPresent: false));
            return;
        }

        if (_listeners.ById(subscribe.ViewerId) is { } listener)
        {
            // The viewer left the group for a copy of its own (--unicast, or the group does not reach it).
            RemoveListener(listener, "now receives unicast");
        }

        if (!SubscribedViewer.TryValidate(subscribe, out var uri, out var error))
        {
            _log.LogWarning("Viewer {ViewerId} refused: {Reason}", subscribe.ViewerId, error);
            Sender.Tell(new ViewerRejected(subscribe.ViewerId ?? "", error));
            return;
        }

        if (_destinations.ByViewerId(subscribe.ViewerId) is { } existing)
        {
            if (existing.Uri.Canonical == uri.Canonical)
            {
                Resubscribed(existing.Viewer!, subscribe, existing.Name);
                return;
            }

            // Same viewer, new address or port (its receiver was started again): the old destination goes.
            RemoveViewer(existing, "moved to " + uri.Canonical);
        }

        var viewer = new SubscribedViewer(subscribe);
        // A viewer's destination is listed under its actor's name, which two ids may share once sanitized.
        var name = FreeActorName(SubscribedViewer.NameFor(viewer.ViewerId));
        var destination = Start(uri, name, name, viewer);
        WatchReceiver(viewer.Receiver);
        _log.LogInformation("Viewer {ViewerId} of {Node} subscribed: sending to {Uri}", viewer.ViewerId, viewer.NodeAddress, uri.Canonical);
        Sender.Tell(new ViewerSubscribed(viewer.ViewerId, destination.Name, AlreadyPresent: false));
        // A new receiver cannot measure latency until it knows the stream's clock: it need not wait for the next.
        SendClock(viewer.Receiver);
    }

    /// <summary>
    /// The keep-alive (or a repeat after a lost reply) of a known viewer, unicast or listener: nothing to start, but
    /// the receiver may be new, and a new one needs the stream's clock now.
    /// </summary>
    private void Resubscribed(SubscribedViewer viewer, SubscribeViewer subscribe, string destinationName, string? group = null)
    {
        var newReceiver = !viewer.Receiver.Equals(subscribe.Receiver);
        if (newReceiver)
        {
            var old = viewer.Receiver;
            viewer.Receiver = subscribe.Receiver;
            UnwatchReceiver(old);
            WatchReceiver(viewer.Receiver);
        }

        viewer.NodeAddress = subscribe.NodeAddress ?? string.Empty;
        viewer.NodeUid = subscribe.NodeUid;
        Sender.Tell(new ViewerSubscribed(viewer.ViewerId, destinationName, AlreadyPresent: true, group));
        if (newReceiver)
        {
            SendClock(viewer.Receiver);
        }
    }

    /// <summary>A viewer that receives the group: counted and watched, but sent nothing of its own.</summary>
    private void SubscribeListener(SubscribeViewer subscribe)
    {
        var group = _group!;
        if (_destinations.ByViewerId(subscribe.ViewerId) is { } unicast)
        {
            RemoveViewer(unicast, "now receives the multicast group " + group);
        }

        if (_listeners.ById(subscribe.ViewerId) is { } existing)
        {
            Resubscribed(existing, subscribe, group.DestinationName, group.ToString());
            return;
        }

        var viewer = new SubscribedViewer(subscribe);
        _listeners.Add(viewer);
        WatchReceiver(viewer.Receiver);
        _log.LogInformation("Viewer {ViewerId} of {Node} subscribed: receives the multicast group {Group}", viewer.ViewerId, viewer.NodeAddress, group);
        Sender.Tell(new ViewerSubscribed(viewer.ViewerId, group.DestinationName, AlreadyPresent: false, group.ToString()));
        SendClock(viewer.Receiver);
    }

    /// <summary>A browser (or another in-process reader) starts taking the stream through a channel.</summary>
    private void HandleAttach(AttachStreamSink attach)
    {
        if (_sinks.Problem(attach.Id) is { } problem)
        {
            Sender.Tell(new DestinationRejected(StreamSinkDestination.UriOf(attach.Id ?? ""), problem));
            return;
        }

        var name = StreamSinks.NameOf(attach.Id);
        var child = Context.ActorOf(StreamSinkDestination.Props(name, attach.Writer, _settings), FreeActorName(name));
        Context.Watch(child);
        _sinks.Add(attach.Id, child);
        // The reader cannot place the frames in time until it knows the stream's clock: it need not wait for the next.
        if (_clock is not null)
        {
            child.Tell(_clock, Self);
        }

        _log.LogInformation("Station {Station}: stream sink {Name} attached", _station, name);
        Sender.Tell(new StreamSinkAttached(attach.Id, name));
    }

    private void RemoveSink(IActorRef child, string why)
    {
        _sinks.Remove(child);
        Context.Unwatch(child);
        Context.Stop(child);
        _log.LogInformation("Station {Station}: stream sink {Name} {Why}", _station, child.Path.Name, why);
    }

    private List<DestinationStatus> AllStatuses() => [.. _destinations.Statuses(), .. _sinks.Statuses()];

    private void HandleClock(StreamClockReport report)
    {
        _clock = report;
        _rtp.Tell(report, ActorRefs.NoSender);
        foreach (var sink in _sinks.Children)
        {
            sink.Tell(report, Self);
        }

        foreach (var destination in _destinations.Viewers)
        {
            SendClock(destination.Viewer!.Receiver);
        }

        foreach (var listener in _listeners.All)
        {
            SendClock(listener.Receiver);
        }
    }

    private void SendClock(IActorRef receiver)
    {
        if (_clock is not null && SubscribedViewer.IsWatchable(receiver))
        {
            receiver.Tell(_clock, Self);
        }
    }

    private void HandleUnsubscribe(UnsubscribeViewer unsubscribe)
    {
        if (unsubscribe.ViewerId is not null && _listeners.ById(unsubscribe.ViewerId) is { } listener)
        {
            RemoveListener(listener, "unsubscribed");
            Sender.Tell(new ViewerUnsubscribed(listener.ViewerId, _group?.DestinationName ?? "", WasSubscribed: true));
            return;
        }

        if (unsubscribe.ViewerId is null || _destinations.ByViewerId(unsubscribe.ViewerId) is not { } destination)
        {
            Sender.Tell(new ViewerUnsubscribed(unsubscribe.ViewerId ?? "", "", WasSubscribed: false));
            return;
        }

        RemoveViewer(destination, "unsubscribed");
        Sender.Tell(new ViewerUnsubscribed(destination.Viewer!.ViewerId, destination.Name, WasSubscribed: true));
    }

    private void HandleNodeGone(ViewerNodeGone gone)
    {
        var removed = _destinations.ViewersOfNode(gone.NodeAddress, gone.NodeUid);
        foreach (var destination in removed)
        {
            RemoveViewer(destination, $"its node {gone.NodeAddress} is gone", tellReceiver: true);
        }

        var listeners = _listeners.OfNode(gone.NodeAddress, gone.NodeUid);
        foreach (var listener in listeners)
        {
            RemoveListener(listener, $"its node {gone.NodeAddress} is gone", tellReceiver: true);
        }

        if (!Sender.Equals(Context.System.DeadLetters))
        {
            Sender.Tell(new ViewersRemoved(gone.NodeAddress ?? "",
                removed.Select(d => d.Viewer!.ViewerId).Concat(listeners.Select(l => l.ViewerId)).ToList()));
        }
    }

    /// <summary>
    /// The station is being removed: every viewer, listener or with a destination, is told why, so that it stops
    /// waiting for a stream that will not come. The station stops this actor next, and with it every destination.
    /// </summary>
    private void HandleClose(CloseStation close)
    {
        var closed = new StationClosed(_station, close.Reason);
        var receivers = _listeners.All.Select(l => l.Receiver)
            .Concat(_destinations.Viewers.Select(d => d.Viewer!.Receiver))
            .Where(SubscribedViewer.IsWatchable)
            .Distinct()
            .ToList();
        foreach (var receiver in receivers)
        {
            receiver.Tell(closed, Self);
        }

        _log.LogInformation("Station {Station} closing ({Reason}): told {Count} viewer(s)", _station, close.Reason, receivers.Count);
    }

    private void RemoveListener(SubscribedViewer listener, string why, bool tellReceiver = false)
    {
        _listeners.Remove(listener);
        UnwatchReceiver(listener.Receiver);
        _log.LogInformation("Viewer {ViewerId} removed ({Why}): no longer counted as a listener of {Group}", listener.ViewerId, why, _group);
        if (tellReceiver && SubscribedViewer.IsWatchable(listener.Receiver))
        {
            listener.Receiver.Tell(new ViewerUnsubscribed(listener.ViewerId, _group?.DestinationName ?? "", WasSubscribed: true), Self);
        }
    }

    /// <summary>Starts a destination's child and registers it.</summary>
    private DestinationEntry Start(DestinationUri uri, string name, string actorName, SubscribedViewer? viewer)
    {
        var child = Context.ActorOf(DestinationProps.For(uri, _settings), actorName);
        Context.Watch(child);
        var destination = new DestinationEntry(uri, name, child, viewer);
        _destinations.Add(destination);
        return destination;
    }

    /// <summary>
    /// The name itself, or with "~2", "~3"... while a child or a destination holds it: a removed destination's
    /// actor keeps its name until it has stopped, so a quick re-add gets a fresh one.
    /// </summary>
    private string FreeActorName(string name)
    {
        var actorName = name;
        for (var n = 2; !Context.Child(actorName).IsNobody() || _destinations.ByName(actorName) is not null; n++)
        {
            actorName = $"{name}~{n}";
        }

        return actorName;
    }

    /// <param name="tellReceiver">The viewer did not ask for it (its node or receiver was taken for gone).</param>
    private void RemoveViewer(DestinationEntry destination, string why, bool tellReceiver = false)
    {
        Remove(destination);
        var viewer = destination.Viewer!;
        _log.LogInformation("Viewer {ViewerId} removed ({Why}): no longer sending to {Uri}", viewer.ViewerId, why, destination.Uri.Canonical);
        // Said to the receiver too: removed by node or receiver, it may be wrong about a live one. A viewer restarted on
        // the same host and port is a new incarnation of the same address, and Akka ends every watch at an address and
        // the cluster downs by address before the new incarnation may join, so its fresh subscription goes with the
        // dead one's. A live receiver then subscribes again at once; a dead one never reads this.
        if (tellReceiver && SubscribedViewer.IsWatchable(viewer.Receiver))
        {
            viewer.Receiver.Tell(new ViewerUnsubscribed(viewer.ViewerId, destination.Name, WasSubscribed: true), Self);
        }
    }

    /// <summary>Unregisters a destination and stops its child (if the child is not gone already).</summary>
    private void Remove(DestinationEntry destination)
    {
        _destinations.Remove(destination);
        Context.Unwatch(destination.Child);
        Context.Stop(destination.Child);
        if (destination.Viewer is { } viewer)
        {
            UnwatchReceiver(viewer.Receiver);
        }
    }

    private void WatchReceiver(IActorRef receiver)
    {
        if (SubscribedViewer.IsWatchable(receiver))
        {
            Context.Watch(receiver);
        }
    }

    private void UnwatchReceiver(IActorRef receiver)
    {
        // Another subscription may come from the same receiver (a re-subscription under a new id): keep watching
        // while one still uses it.
        if (SubscribedViewer.IsWatchable(receiver) && _destinations.ViewersWithReceiver(receiver).Count == 0
            && _listeners.WithReceiver(receiver).Count == 0)
        {
            Context.Unwatch(receiver);
        }
    }
}
