using ActorStream.Actors.Logging;
using ActorStream.Actors.FanOut;
using ActorStream.Actors.Pipeline;
using ActorStream.Actors.Rtsp;
using ActorStream.Media.Ffmpeg;
using ActorStream.Media.Probe;
using ActorStream.Messages.FanOut;
using ActorStream.Messages.Metrics;
using ActorStream.Messages.Pipeline;
using ActorStream.Messages.Stations;
using ActorStream.Messages.Viewer;
using Akka.Actor;
using Akka.Pattern;
using Microsoft.Extensions.Logging;

namespace ActorStream.Actors.Stations;

/// <summary>
/// One source, one stream: the station parents its capture, its encoder and its fan-out sender, passes
/// destination commands to the fan-out, and keeps the station's figures (frames, rate, restarts) as its
/// children report them. Capture and encoder each sit under a backoff supervisor, so a dead ffmpeg is
/// started again after a growing pause, alone, while the fan-out and its destinations carry on.
/// Its figures are published on the event stream at the fan-out's status interval (once a second by default)
/// for the metrics actor. Its "rtp" child (<see cref="StationRtpStream"/>, unless RTSP is off) packetizes the stream
/// once for the RTSP sessions; the fan-out hands it every chunk. (The encoder tells its <see cref="StreamClockReport"/>s to the fan-out itself, which hands
/// them to the viewers' receivers.)
/// A station with a multicast group has it as a destination of its fan-out. A file source is probed with ffprobe when
/// the station starts (piped back, never awaited), for the properties station lists show (see
/// <see cref="StationDescription"/>). Told <see cref="CloseStation"/>, it stops its pipeline, lets its fan-out tell
/// the viewers, and stops.
/// </summary>
public sealed class Station : ReceiveActor, IWithTimers
{
    private readonly StationSettings _settings;
    private readonly FfmpegInstallation _ffmpeg;
    private readonly ILogger _log;
    private readonly Dictionary<string, int> _starts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _pids = new(StringComparer.Ordinal);
    private IActorRef _fanout = ActorRefs.Nobody;
    private IActorRef _rtp = ActorRefs.Nobody;
    private long _framesOfEarlierEncoders;
    private int _encoderPid;
    private long _encoderFrames;
    private long _encoderBytes;
    private DateTime _lastProgressAt;
    private double _fps;
    private double _bitsPerSecond;
    private FanOutSummary _fanoutSummary = new(0, 0, 0);
    private FanOutViewers _viewers = new(0, 0);
    private ProbedMedia? _probed;
    private IActorRef _encoder = ActorRefs.Nobody;
    private IActorRef _capture = ActorRefs.Nobody;
    private bool _closing;
    private readonly CancellationTokenSource _stopping = new();

    public Station(StationSettings settings, FfmpegInstallation ffmpeg)
    {
        _settings = settings;
        _ffmpeg = ffmpeg;
        _log = Context.System.LoggerFactory().CreateLogger<Station>();

        Receive<AddDestination>(message => _fanout.Forward(message));
        Receive<RemoveDestination>(message => _fanout.Forward(message));
        Receive<ListDestinations>(message => _fanout.Forward(message));
        // Cluster viewers' subscriptions go to the fan-out with the receiver as sender, which gets the reply.
        Receive<SubscribeViewer>(message => _fanout.Forward(message));
        Receive<UnsubscribeViewer>(message => _fanout.Forward(message));
        Receive<ViewerNodeGone>(message => _fanout.Forward(message));
        Receive<DestinationAdded>(added => _log.LogInformation("Station {Station} sends to {Uri}", _settings.Name, added.Uri));
        Receive<DestinationRejected>(rejected =>
            _log.LogError("Station {Station} cannot send to {Uri}: {Reason}", _settings.Name, rejected.Uri, rejected.Reason));
        Receive<ProcessStarted>(HandleStarted);
        Receive<ProcessStopped>(stopped =>
        {
            if (_pids.TryGetValue(stopped.Role, out var pid) && pid == stopped.Pid)
            {
                _pids.Remove(stopped.Role);
            }
        });
        Receive<EncoderProgress>(HandleProgress);
        Receive<FanOutSummary>(summary => _fanoutSummary = summary);
        Receive<FanOutViewers>(viewers => _viewers = viewers);
        Receive<GetStationStatus>(_ => Sender.Tell(Status()));
        Receive<GetStationSnapshot>(_ => Sender.Tell(new StationSnapshot(Status(), Info())));
        Receive<StatusTick>(_ => Context.System.EventStream.Publish(Status()));
        Receive<Probed>(probed =>
        {
            _probed = probed.Media;
            _log.LogInformation("Station {Station}: {File} holds {Codec} {Width}x{Height} ({Aspect}) at {Fps} fps, {Seconds:0.0} s, audio {Audio}",
                _settings.Name, StationDescription.ProbedFile(_settings), probed.Media.Codec, probed.Media.Width, probed.Media.Height,
                probed.Media.AspectRatio, probed.Media.FrameRate, probed.Media.DurationSeconds, probed.Media.Audio ?? "none");
        });
        Receive<ProbeFailed>(failed =>
            _log.LogWarning("Station {Station}: its file could not be probed ({Reason}); its properties come from its settings",
                _settings.Name, failed.Reason));
        Receive<CloseStation>(HandleClose);
        Receive<Terminated>(terminated =>
        {
            if (_closing && terminated.ActorRef.Equals(_fanout))
            {
                Context.Stop(Self);
            }
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer("status", StatusTick.Instance, _settings.FanOut.StatusInterval);
        var fanOutSettings = _settings.FanOut;
        var name = _settings.Name;
        var group = _settings.Unicast ? null : _settings.Group;
        var multicast = _settings.Multicast;
        if (_settings.Rtsp.Enabled)
        {
            // RTSP sessions get the station's RTP from here, packetized once from the chunks the fan-out hands it.
            _rtp = Context.ActorOf(StationRtpStream.Props(_settings), "rtp");
        }

        var rtp = _rtp;
        var fanout = Context.ActorOf(Props.Create(() => new FanOutSender(fanOutSettings, name, group, multicast, rtp)), "fanout");
        _fanout = fanout;
        var station = Self;
        var ffmpeg = _ffmpeg;
        var job = _settings.Encoder;
        _encoder = Context.ActorOf(
            BackoffSupervisor.Props(Backoff.OnFailure(
                Props.Create(() => new Encoder(job, ffmpeg, fanout, station)), "ffmpeg",
                _settings.MinBackoff, _settings.MaxBackoff, _settings.RandomFactor, maxNrOfRetries: -1)),
            "encoder");
        var encoder = _encoder;
        if (!job.IsPassthrough)
        {
            var capture = _settings.Capture;
            _capture = Context.ActorOf(
                BackoffSupervisor.Props(Backoff.OnFailure(
                    CaptureProps.For(capture, ffmpeg, encoder, station), "ffmpeg",
                    _settings.MinBackoff, _settings.MaxBackoff, _settings.RandomFactor, maxNrOfRetries: -1)),
                "capture");
        }

        foreach (var uri in _settings.Destinations)
        {
            fanout.Tell(new AddDestination(uri), Self);
        }

        StartProbe();
    }

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private void StartProbe()
    {
        if (StationDescription.ProbedFile(_settings) is not { } file)
        {
            return;
        }

        var probe = new MediaProbe(_ffmpeg.FfprobePath);
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(_settings.ProbeTimeout);
        probe.ProbeAsync(file, timeout.Token).PipeTo(Self,
            success: media =>
            {
                timeout.Dispose();
                return new Probed(media);
            },
            failure: ex =>
            {
                timeout.Dispose();
                return new ProbeFailed(ex is OperationCanceledException ? $"ffprobe took longer than {_settings.ProbeTimeout.TotalSeconds:0} s" : ex.Message);
            });
    }

    /// <summary>
    /// The pipeline stops at once (no more chunks); the fan-out is told first, then stopped after that message (a
    /// PoisonPill queues behind it), so that every viewer hears why; when it has gone, so does the station.
    /// </summary>
    private void HandleClose(CloseStation close)
    {
        if (_closing)
        {
            return;
        }

        _closing = true;
        _log.LogInformation("Station {Station} closing: {Reason}", _settings.Name, close.Reason);
        Context.Stop(_encoder);
        if (!_capture.IsNobody())
        {
            Context.Stop(_capture);
        }

        Context.Watch(_fanout);
        _rtp.Tell(close, Self);
        _fanout.Tell(close, Self);
        _fanout.Tell(PoisonPill.Instance, Self);
    }

    private void HandleStarted(ProcessStarted started)
    {
        var count = _starts.GetValueOrDefault(started.Role) + 1;
        _starts[started.Role] = count;
        _pids[started.Role] = started.Pid;
        if (count > 1)
        {
            if (started.Pid == ProcessStarted.InProcess)
            {
                _log.LogWarning("Station {Station}: {Role} restarted in-process (restart {Restarts})", _settings.Name, started.Role, count - 1);
            }
            else
            {
                _log.LogWarning("Station {Station}: {Role} ffmpeg restarted as pid {Pid} (restart {Restarts})",
                    _settings.Name, started.Role, started.Pid, count - 1);
            }
        }
    }

    private void HandleProgress(EncoderProgress progress)
    {
        var now = DateTime.UtcNow;
        if (progress.Pid != _encoderPid)
        {
            // A new encoder process counts from zero; keep what the earlier ones did.
            _framesOfEarlierEncoders += _encoderFrames;
            _encoderPid = progress.Pid;
            _encoderFrames = 0;
            _encoderBytes = 0;
            _lastProgressAt = now;
        }

        var seconds = (now - _lastProgressAt).TotalSeconds;
        if (seconds >= 0.5)
        {
            _fps = (progress.Frames - _encoderFrames) / seconds;
            _bitsPerSecond = (progress.Bytes - _encoderBytes) * 8 / seconds;
            _lastProgressAt = now;
            _encoderFrames = progress.Frames;
            _encoderBytes = progress.Bytes;
        }
        else if (progress.Frames < _encoderFrames)
        {
            _encoderFrames = progress.Frames;
        }
    }

    /// <summary>starting (no frames yet), running, restarting (an ffmpeg is down, waiting for its backoff), stopping.</summary>
    private string State()
    {
        if (_closing)
        {
            return "stopping";
        }

        var roles = _settings.Encoder.IsPassthrough ? new[] { "encoder" } : ["encoder", "capture"];
        if (roles.Any(role => _starts.GetValueOrDefault(role) > 0 && !_pids.ContainsKey(role)))
        {
            return "restarting";
        }

        return roles.All(_pids.ContainsKey) && _framesOfEarlierEncoders + _encoderFrames > 0 ? "running" : "starting";
    }

    private StationInfo Info()
    {
        var status = Status();
        return new StationInfo(
            _settings.Name,
            _settings.Capture.Source.ToString(),
            _settings.Unicast ? null : _settings.Group?.ToString(),
            _settings.Multicast.Ttl,
            StationDescription.Properties(_settings, _probed),
            State(),
            _viewers.Listeners + _viewers.Unicast,
            status.FramesPerSecond,
            status.BitsPerSecond,
            status.EncoderRestarts + status.CaptureRestarts,
            status.FramesEncoded,
            _settings.RtspUrl);
    }

    private StationStatus Status() => new(
        _settings.Name,
        _framesOfEarlierEncoders + _encoderFrames,
        _pids.ContainsKey("encoder") ? _fps : 0,
        _pids.ContainsKey("encoder") ? _bitsPerSecond : 0,
        _fanoutSummary.Destinations,
        _fanoutSummary.Drops,
        Math.Max(0, _starts.GetValueOrDefault("encoder") - 1),
        Math.Max(0, _starts.GetValueOrDefault("capture") - 1),
        _pids.TryGetValue("encoder", out var e) ? e : null,
        _pids.TryGetValue("capture", out var c) && c != ProcessStarted.InProcess ? c : null,
        _pids.TryGetValue("capture", out var inProcess) && inProcess == ProcessStarted.InProcess);
}

/// <summary>A file source's probe came back.</summary>
internal sealed record Probed(ProbedMedia Media);

/// <summary>A file source's probe failed or took too long.</summary>
internal sealed record ProbeFailed(string Reason);
