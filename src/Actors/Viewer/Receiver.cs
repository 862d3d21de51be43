using ActorStream.Actors.Logging;
using System.Net;
using ActorStream.Media.Measurement;
using ActorStream.Media.Receive;
using ActorStream.Messages.Cluster;
using ActorStream.Messages.Metrics;
using ActorStream.Messages.Viewer;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorStream.Actors.Viewer;

/// <summary>
/// A viewer node's receiver of one station (/user/viewer/&lt;station&gt;): it opens a UDP socket, asks the
/// seed's station to send there (<see cref="SubscribeViewer"/>), measures what arrives and hands it to its
/// output. The subscription is repeated when unanswered, when told <see cref="Resubscribe"/>, and as a
/// periodic keep-alive, so a seed that restarted gets the viewer back without the viewer restarting.
/// Each interval it reports everything it measured to the seed's metrics actor (<see cref="ReceiverReport"/>);
/// latency needs the station's <see cref="StreamClockReport"/>s and the seed's clock offset
/// (<see cref="ClockOffsetEstimated"/>, from the node's clock-sync actor).
/// </summary>
public sealed class Receiver : ReceiveActor, IWithTimers
{
    private readonly ReceiverSettings _settings;
    private readonly ICanTell _station;
    private readonly ICanTell? _metrics;
    private readonly ILogger _log;
    private readonly string _viewerId;
    private UdpStreamReceiver? _receiver;
    private bool _subscribed;
    private ReceiveCounters _lastCounters;
    private DateTime _lastMeasure;
    private double _bitsPerSecond;
    private double _framesPerSecond;
    private double? _latencyMedianMs;
    private ClockOffset? _offset;

    /// <param name="station">The seed's station: a selection of its path, so that a restarted station is found again.</param>
    /// <param name="metrics">The seed's /user/metrics, told a <see cref="ReceiverReport"/> each interval; null reports nowhere.</param>
    public Receiver(ReceiverSettings settings, ICanTell station, ICanTell? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(station);
        _settings = settings;
        _station = station;
        _metrics = metrics;
        _log = Context.System.LoggerFactory().CreateLogger<Receiver>();
        _viewerId = settings.ViewerId ?? ViewerIds.Create(settings.AdvertisedHost, settings.NodePort);

        Receive<ViewerSubscribed>(m => m.ViewerId == _viewerId, subscribed =>
        {
            Timers.Cancel(ReceiverTick.ReplyOverdue);
            if (!_subscribed)
            {
                _log.LogInformation("Viewer {ViewerId} subscribed to station {Station} as {Destination}",
                    _viewerId, _settings.Station, subscribed.DestinationName);
            }

            _subscribed = true;
        });
        Receive<ViewerRejected>(m => m.ViewerId == _viewerId, rejected =>
        {
            // Tried again at the next keep-alive: the seed's configuration may change.
            Timers.Cancel(ReceiverTick.ReplyOverdue);
            _subscribed = false;
            _log.LogError("Station {Station} refused viewer {ViewerId}: {Reason}", _settings.Station, _viewerId, rejected.Reason);
        });
        Receive<ViewerUnsubscribed>(m => m.ViewerId == _viewerId, _ => _subscribed = false);
        Receive<Resubscribe>(_ => Subscribe());
        Receive<ReceiverTick>(tick =>
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
            }
        });
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

    public static Props Props(ReceiverSettings settings, ICanTell station, ICanTell? metrics = null) =>
        Akka.Actor.Props.Create(() => new Receiver(settings, station, metrics));

    protected override void PreStart()
    {
        var output = _settings.Output.Open(Context.System.LoggerFactory(), _settings.Command);
        try
        {
            _receiver = new UdpStreamReceiver(
                new IPEndPoint(_settings.BindAddress, _settings.Port), _settings.ReceiveBufferBytes, output,
                Context.System.LoggerFactory().CreateLogger<UdpStreamReceiver>());
        }
        catch
        {
            _ = CloseAsync(output.DisposeAsync(), output.Description);
            throw;
        }

        _receiver.Start();
        _lastMeasure = DateTime.UtcNow;
        _log.LogInformation("Viewer {ViewerId} receives station {Station} on UDP {Endpoint} (to {Output})",
            _viewerId, _settings.Station, _receiver.LocalEndPoint, output.Description);
        Timers.StartPeriodicTimer(ReceiverTick.KeepAlive, ReceiverTick.KeepAlive, _settings.KeepAliveInterval);
        Timers.StartPeriodicTimer(ReceiverTick.Measure, ReceiverTick.Measure, _settings.StatusInterval);
        Subscribe();
    }

    protected override void PostStop()
    {
        // Polite, and needed until remote death watch exists; the fan-out's watch covers a lost message.
        _station.Tell(new UnsubscribeViewer(_viewerId), ActorRefs.NoSender);
        if (_receiver is { } receiver)
        {
            _receiver = null;
            // PostStop cannot await; the socket is closed and the output flushed in the background.
            _ = CloseAsync(receiver.DisposeAsync(), receiver.Output.Description);
        }
    }

    private void Subscribe()
    {
        if (_receiver is null)
        {
            return;
        }

        var port = _settings.AdvertisedPort > 0 ? _settings.AdvertisedPort : _receiver.LocalEndPoint.Port;
        _station.Tell(new SubscribeViewer(_viewerId, _settings.AdvertisedHost, port, Self, _settings.NodeAddress), Self);
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
            c.Frames, _bitsPerSecond, _framesPerSecond, c.LastArrivalUtc, _receiver?.Output.Description ?? _settings.Output.Text,
            c.OutputErrors, c.OutputDrops, c.JitterMs, _latencyMedianMs, c.FrameGaps, c.DecodeErrors);
    }

    private async Task CloseAsync(ValueTask closing, string output)
    {
        try
        {
            await closing.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _log.LogWarning(ex, "Closing output {Output} failed", output);
        }
    }
}
