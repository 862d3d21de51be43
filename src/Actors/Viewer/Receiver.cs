using ActorStream.Actors.Logging;
using System.Net;
using System.Net.Sockets;
using ActorStream.Media.Measurement;
using ActorStream.Media.Receive;
using ActorStream.Messages.Cluster;
using ActorStream.Messages.Metrics;
using ActorStream.Messages.Stations;
using ActorStream.Messages.Viewer;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorStream.Actors.Viewer;

/// <summary>
/// A viewer node's receiver of one station (/user/viewer/&lt;station&gt;): it opens a UDP socket, asks the
/// seed's station to send there (<see cref="SubscribeViewer"/>), measures what arrives and hands it to its
/// output.
/// <para>
/// With <see cref="ReceiverSettings.Multicast"/> it first subscribes as a multicast listener without a port: a station
/// with a group answers with it, and the receiver joins the group (a socket bound to the group, joined on
/// <see cref="ReceiverSettings.MulticastInterface"/>); a station without one answers with no destination, and the
/// receiver opens a unicast socket and subscribes again with its port. Told <see cref="StationClosed"/>, it stops
/// receiving (leaving the group) and tells its parent.
/// </para> The subscription is repeated when unanswered, when told <see cref="Resubscribe"/>, and as a
/// periodic keep-alive, so a seed that restarted gets the viewer back without the viewer restarting.
/// Each interval it reports everything it measured to the seed's metrics actor (<see cref="ReceiverReport"/>);
/// latency needs the station's <see cref="StreamClockReport"/>s and the seed's clock offset
/// (<see cref="ClockOffsetEstimated"/>, from the node's clock-sync actor).
/// <para>
/// A socket that fails (its receive loop ends with an error, or it cannot be bound, e.g. the port is taken) is
/// opened again by the receiver itself, after a wait that doubles from <see cref="ReceiverSettings.ReopenMin"/> to
/// <see cref="ReceiverSettings.ReopenMax"/>: only the socket failed, so the viewer id, the subscription, the clock
/// offset, the counters and the output (a file would be truncated, a player closed) all carry on, which an actor
/// restart would lose.
/// </para>
/// </summary>
public sealed class Receiver : ReceiveActor, IWithTimers
{
    private readonly ReceiverSettings _settings;
    private readonly ICanTell _station;
    private readonly ICanTell? _metrics;
    private readonly ILogger _log;
    private readonly string _viewerId;
    // Every socket writes through a lease of it, so replacing a socket (unicast to group) keeps the output open.
    private SharedOutput? _output;
    // True when this receiver opened _output itself (no shared one given) and so closes it.
    private bool _ownsOutput;
    private UdpStreamReceiver? _receiver;
    // The group to receive: set once the station named one; null receives on a unicast socket.
    private MulticastMembership? _group;
    // The station was removed: nothing more will come, nothing is asked for.
    private bool _closed;
    private TimeSpan _reopenDelay;
    private bool _subscribed;
    private ReceiveCounters _lastCounters;
    private DateTime _lastMeasure;
    private double _bitsPerSecond;
    private double _framesPerSecond;
    private double? _latencyMedianMs;
    private ClockOffset? _offset;

    /// <param name="station">The seed's station: a selection of its path, so that a restarted station is found again.</param>
    /// <param name="metrics">The seed's /user/metrics, told a <see cref="ReceiverReport"/> each interval; null reports nowhere.</param>
    /// <param name="output">An output kept open by the parent across receivers; null opens (and closes) <see cref="ReceiverSettings.Output"/>.</param>
    public Receiver(ReceiverSettings settings, ICanTell station, ICanTell? metrics = null, SharedOutput? output = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(station);
        _settings = settings;
        _station = station;
        _metrics = metrics;
        _output = output;
        _log = Context.System.LoggerFactory().CreateLogger<Receiver>();
        _viewerId = settings.ViewerId ?? ViewerIds.Create(settings.AdvertisedHost, settings.NodePort);
        _reopenDelay = settings.ReopenMin;

        Receive<ViewerSubscribed>(m => m.ViewerId == _viewerId && !_closed, Subscribed);
        Receive<ViewerRejected>(m => m.ViewerId == _viewerId && !_closed, rejected =>
        {
            // Tried again at the next keep-alive: the seed's configuration may change.
            Timers.Cancel(ReceiverTick.ReplyOverdue);
            _subscribed = false;
            if (_settings.Multicast && _receiver is null && _group is null)
            {
                // A seed that knows no multicast listeners refuses port 0: it gets a unicast socket's port instead.
                _log.LogInformation("Station {Station} refused viewer {ViewerId} without a port ({Reason}); receiving unicast",
                    _settings.Station, _viewerId, rejected.Reason);
                Replace(null);
                return;
            }

            _log.LogError("Station {Station} refused viewer {ViewerId}: {Reason}", _settings.Station, _viewerId, rejected.Reason);
        });
        Receive<ViewerUnsubscribed>(m => m.ViewerId == _viewerId && !_closed, _ =>
        {
            // Unasked (this receiver only unsubscribes when it stops): the station dropped it, taking it for a dead
            // incarnation of this node; it is alive, so it subscribes again now rather than at the next keep-alive.
            _log.LogInformation("Station {Station} dropped viewer {ViewerId}; subscribing again", _settings.Station, _viewerId);
            _subscribed = false;
            Subscribe();
        });
        Receive<Resubscribe>(_ => Subscribe());
        Receive<StationClosed>(m => m.Station == _settings.Station, Closed);
        Receive<ReceiverTick>(_ => !_closed, tick =>
        {
            switch (tick)
            {
                case ReceiverTick.KeepAlive:
                    Subscribe();
                    break;
                case ReceiverTick.ReplyOverdue:
                    if (_subscribed)
                    {
                        _log.LogWarning("Station {Station} did not answer viewer {ViewerId} within {Timeout}; subscribing again",
                            _settings.Station, _viewerId, _settings.SubscribeTimeout);
                    }

                    _subscribed = false;
                    Subscribe();
                    break;
                case ReceiverTick.Measure:
                    Measure();
                    break;
                case ReceiverTick.ReopenSocket:
                    Open();
                    break;
                case ReceiverTick.SocketLasted:
                    _reopenDelay = _settings.ReopenMin;
                    break;
            }
        });
        // Only the current receiver's failure counts: one from before an actor restart is long closed.
        Receive<SocketFailed>(failed => ReferenceEquals(failed.Receiver, _receiver) && !_closed, failed => ReopenLater(failed.Error));
        Receive<GetReceiverStatus>(_ => Sender.Tell(Status()));
        // The seed's clock minus this node's, from the clock-sync actor; latency is (arrival + offset) - capture.
        Receive<ClockOffsetEstimated>(estimate =>
        {
            var offset = new ClockOffset(estimate.Offset, estimate.RoundTrip, estimate.Samples);
            _offset = offset;
            if (_receiver is not null)
            {
                _receiver.ClockOffset = offset.Correction;
            }
        });
        Receive<StreamClockReport>(report => report.Station == _settings.Station, report =>
            _receiver?.SetStreamClock(report.Pts, report.CaptureUtc.ToUniversalTime()));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The viewer id this receiver subscribes with.</summary>
    public string ViewerId => _viewerId;

    public static Props Props(ReceiverSettings settings, ICanTell station, ICanTell? metrics = null, SharedOutput? output = null) =>
        Akka.Actor.Props.Create(() => new Receiver(settings, station, metrics, output));

    protected override void PreStart()
    {
        if (_output is null)
        {
            _output = new SharedOutput(_settings.Output.Open(Context.System.LoggerFactory(), _settings.Command));
            _ownsOutput = true;
        }

        _lastMeasure = DateTime.UtcNow;
        Timers.StartPeriodicTimer(ReceiverTick.KeepAlive, ReceiverTick.KeepAlive, _settings.KeepAliveInterval);
        Timers.StartPeriodicTimer(ReceiverTick.Measure, ReceiverTick.Measure, _settings.StatusInterval);
        if (_settings.Multicast)
        {
            // The station's answer says whether there is a group to join or a unicast socket is needed.
            Subscribe();
        }
        else
        {
            Open();
        }
    }

    protected override void PostStop()
    {
        if (!_closed)
        {
            // Polite, and needed until remote death watch exists; the fan-out's watch covers a lost message.
            _station.Tell(new UnsubscribeViewer(_viewerId), ActorRefs.NoSender);
        }

        // PostStop cannot await; the socket is closed (the group left) and an own output flushed in the background.
        var receiver = _receiver;
        _receiver = null;
        var output = _ownsOutput ? _output : null;
        _output = null;
        if (receiver is not null || output is not null)
        {
            _ = CloseAsync(receiver, output);
        }
    }

    private void Subscribed(ViewerSubscribed subscribed)
    {
        Timers.Cancel(ReceiverTick.ReplyOverdue);
        if (!_subscribed)
        {
            _log.LogInformation("Viewer {ViewerId} subscribed to station {Station} as {Destination}{Group}",
                _viewerId, _settings.Station, subscribed.DestinationName.Length > 0 ? subscribed.DestinationName : "(no destination yet)",
                subscribed.Group is null ? "" : ", group " + subscribed.Group);
        }

        _subscribed = true;
        if (!_settings.Multicast)
        {
            return;
        }

        if (subscribed.Group is not null)
        {
            if (!MulticastMembership.TryParseGroup(subscribed.Group, out var group, out var error))
            {
                // A seed's bug, not a network fault: said, and nothing to join.
                _log.LogError("Station {Station} named a group viewer {ViewerId} cannot join: {Error}", _settings.Station, _viewerId, error);
                _subscribed = false;
                return;
            }

            var membership = new MulticastMembership(group, _settings.MulticastInterface);
            if (_receiver?.Membership != membership)
            {
                Replace(membership);
            }
        }
        else if (subscribed.DestinationName.Length == 0)
        {
            // A station without a group, and this receiver gave no port yet: it needs a unicast socket.
            _subscribed = false;
            if (_receiver is null || _receiver.Membership is not null)
            {
                Replace(null);
            }
            else
            {
                Subscribe();
            }
        }
    }

    private void Closed(StationClosed closed)
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _subscribed = false;
        _log.LogWarning("Station {Station} was closed ({Reason}): viewer {ViewerId} stops receiving it", closed.Station, closed.Reason, _viewerId);
        foreach (var tick in Enum.GetValues<ReceiverTick>())
        {
            Timers.Cancel(tick);
        }

        // The last figures stay readable (GetReceiverStatus); the socket goes now, leaving the group.
        if (_receiver is { } receiver)
        {
            _ = CloseAsync(receiver, null);
        }

        Context.Parent.Tell(closed, Self);
    }

    /// <summary>Closes the current socket (leaving its group) and receives as <paramref name="group"/> says instead.</summary>
    private void Replace(MulticastMembership? group)
    {
        if (_receiver is { } old)
        {
            _receiver = null;
            _ = CloseAsync(old, null);
        }

        _group = group;
        // The new socket's counters start from zero: so do the rates measured from them.
        _lastCounters = default;
        Timers.Cancel(ReceiverTick.ReopenSocket);
        Open();
    }

    /// <summary>Binds the socket (the first time, or again after a failure), starts receiving and subscribes.</summary>
    private void Open()
    {
        try
        {
            if (_receiver is null)
            {
                var logger = Context.System.LoggerFactory().CreateLogger<UdpStreamReceiver>();
                var lease = _output!.Lease();
                _receiver = _group is { } group
                    ? new UdpStreamReceiver(group, _settings.ReceiveBufferBytes, lease, logger)
                    : new UdpStreamReceiver(new IPEndPoint(_settings.BindAddress, _settings.Port), _settings.ReceiveBufferBytes, lease, logger);
                if (_offset is { } offset)
                {
                    _receiver.ClockOffset = offset.Correction;
                }

                _receiver.Start();
            }
            else
            {
                _receiver.Restart();
            }
        }
        catch (SocketException ex)
        {
            ReopenLater(ex);
            return;
        }

        var receiver = _receiver;
        receiver.Completion.PipeTo(Self, failure: ex => new SocketFailed(receiver, ex));
        if (receiver.Membership is { } joined)
        {
            _log.LogInformation("Viewer {ViewerId} receives station {Station} from group {Group} joined on {Interface} (to {Output})",
                _viewerId, _settings.Station, joined.GroupText, joined.Interface, receiver.Output.Description);
        }
        else
        {
            _log.LogInformation("Viewer {ViewerId} receives station {Station} on UDP {Endpoint} (to {Output})",
                _viewerId, _settings.Station, receiver.LocalEndPoint, receiver.Output.Description);
        }

        Context.Parent.Tell(new ReceiverTransport(_settings.Station, receiver.Membership?.GroupText, receiver.LocalEndPoint.Port), Self);
        // The wait starts again from its minimum only once a socket has lasted.
        Timers.StartSingleTimer(ReceiverTick.SocketLasted, ReceiverTick.SocketLasted, _settings.ReopenMax);
        // A joined group needs no new request when the station just named it (the keep-alive repeats it anyway);
        // a new unicast socket's port must be told.
        if (receiver.Membership is null || !_subscribed)
        {
            Subscribe();
        }
    }

    private void ReopenLater(Exception error)
    {
        Timers.Cancel(ReceiverTick.SocketLasted);
        var where = _group is { } group
            ? $"group {group.GroupText} on {group.Interface}"
            : $"UDP {_settings.BindAddress}:{_receiver?.LocalEndPoint.Port ?? _settings.Port}";
        _log.LogError("Viewer {ViewerId} cannot receive station {Station} on {Where} ({Reason}); opening the socket again in {Delay}",
            _viewerId, _settings.Station, where, error.Message, _reopenDelay);
        Timers.StartSingleTimer(ReceiverTick.ReopenSocket, ReceiverTick.ReopenSocket, _reopenDelay);
        _reopenDelay = TimeSpan.FromTicks(Math.Min(_reopenDelay.Ticks * 2, _settings.ReopenMax.Ticks));
    }

    private void Subscribe()
    {
        if (_closed)
        {
            return;
        }

        int port;
        if (_receiver is null)
        {
            // A multicast listener may ask before it has any socket (the answer names the group); a unicast one not.
            if (!_settings.Multicast || _group is not null)
            {
                return;
            }

            port = 0;
        }
        else if (_receiver.Completion.IsCompleted)
        {
            // The socket failed: nothing the seed could send to until it is open again (which subscribes).
            return;
        }
        else if (_receiver.Membership is not null)
        {
            port = 0;
        }
        else
        {
            port = _settings.AdvertisedPort > 0 ? _settings.AdvertisedPort : _receiver.LocalEndPoint.Port;
        }

        _station.Tell(new SubscribeViewer(_viewerId, _settings.AdvertisedHost, port, Self, _settings.NodeAddress, _settings.NodeUid,
            Multicast: _settings.Multicast), Self);
        Timers.StartSingleTimer(ReceiverTick.ReplyOverdue, ReceiverTick.ReplyOverdue, _settings.SubscribeTimeout);
    }

    private void Measure()
    {
        if (_receiver is null)
        {
            return;
        }

        var now = DateTime.UtcNow;
        var counters = _receiver.Counters;
        var seconds = (now - _lastMeasure).TotalSeconds;
        if (seconds > 0)
        {
            _bitsPerSecond = (counters.Bytes - _lastCounters.Bytes) * 8 / seconds;
            _framesPerSecond = (counters.Frames - _lastCounters.Frames) / seconds;
        }

        _lastCounters = counters;
        _lastMeasure = now;

        var latency = _receiver.DrainLatencySamples();
        var sorted = latency.ToArray(); // the drained array itself goes out in the report, untouched
        Array.Sort(sorted);
        _latencyMedianMs = Percentiles.NearestRank(sorted, 50);
        _metrics?.Tell(new ReceiverReport(
            _viewerId, _settings.Station, _settings.NodeAddress, now, _subscribed, counters.Datagrams, counters.Packets,
            counters.Bytes, counters.LostPackets, counters.Frames, counters.FrameGaps, counters.DecodeErrors, _bitsPerSecond,
            _framesPerSecond, counters.JitterMs, latency, _offset?.Offset.TotalMilliseconds, _offset?.RoundTrip.TotalMilliseconds), Self);
    }

    private ReceiverStatus Status()
    {
        var c = _receiver?.Counters ?? default;
        return new ReceiverStatus(
            _viewerId, _settings.Station, _subscribed, _receiver?.LocalEndPoint.Port ?? 0, c.Packets, c.Bytes, c.LostPackets,
            c.Frames, _bitsPerSecond, _framesPerSecond, c.LastArrivalUtc, _receiver?.Output.Description ?? _output?.Description ?? _settings.Output.Text,
            c.OutputErrors, c.OutputDrops, c.JitterMs, _latencyMedianMs, c.FrameGaps, c.DecodeErrors);
    }

    /// <summary>The receive loop of <paramref name="Receiver"/> ended with <paramref name="Error"/>.</summary>
    private sealed record SocketFailed(UdpStreamReceiver Receiver, Exception Error);

    /// <summary>Closes a socket's receiver (its lease of the output only) and then, if given, the output itself.</summary>
    private async Task CloseAsync(UdpStreamReceiver? receiver, SharedOutput? output)
    {
        try
        {
            if (receiver is not null)
            {
                await receiver.DisposeAsync().ConfigureAwait(false);
            }

            if (output is not null)
            {
                await output.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            _log.LogWarning(ex, "Closing output {Output} failed", output?.Description ?? receiver?.Output.Description);
        }
    }
}
