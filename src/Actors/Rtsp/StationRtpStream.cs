using ActorStream.Actors.FanOut;
using ActorStream.Actors.Logging;
using ActorStream.Actors.Stations;
using ActorStream.Media.MpegTs;
using ActorStream.Media.Multicast;
using ActorStream.Media.Rtp;
using ActorStream.Media.Sdp;
using ActorStream.Media.Transport;
using ActorStream.Messages.Metrics;
using ActorStream.Messages.Pipeline;
using ActorStream.Messages.Rtsp;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorStream.Actors.Rtsp;

/// <summary>
/// A station's RTP stream (/user/stations/&lt;name&gt;/rtp): it takes the encoder's MPEG-TS chunks apart
/// (<see cref="TsDemuxer"/>) and packetizes each frame once (<see cref="StationRtpPacketizer"/>); every RTSP session of
/// the station is handed the same packets (<see cref="RtpBatch"/>). It answers DESCRIBE with the station's SDP once the
/// first keyframe has shown the parameter sets, starts a session at the next keyframe or with the cached group of
/// pictures (actorstream.rtsp.session-start), gives each session an <see cref="RtpClock"/> per track about once a
/// second from the encoder's <see cref="StreamClockReport"/>s, and, while any session is joined to the station's RTSP
/// multicast, sends the packets to the station's group itself, with an RTCP sender report per track each second.
/// It watches its sessions; they watch it (it stops with its station).
/// </summary>
public sealed class StationRtpStream : ReceiveActor, IWithTimers
{
    /// <summary>How long a DESCRIBE waits for the first keyframe with parameter sets.</summary>
    public static readonly TimeSpan DefaultDescribeWait = TimeSpan.FromSeconds(5);

    /// <summary>actorstream.rtsp.session-start value: new sessions start with the cached group of pictures.</summary>
    public const string CachedGop = "cached-gop";

    // The cached group of pictures is bounded: a stream with very long GOPs keeps only its latest packets' worth.
    private const int MaxCachedPackets = 20_000;

    private readonly string _station;
    private readonly RtspSettings _settings;
    private readonly MulticastGroup? _group;
    private readonly MulticastSettings _multicast;
    private readonly TimeSpan _describeWait;
    private readonly ILogger _log;
    private readonly TsDemuxer _demuxer = new();
    private readonly StationRtpPacketizer _packetizer;
    private readonly Dictionary<IActorRef, StationRtpSession> _sessions = [];
    private readonly Dictionary<long, (IActorRef ReplyTo, DescribeRtpStream Request)> _describes = [];
    private readonly HashSet<IActorRef> _multicastMembers = [];
    private readonly List<RtpFrame> _gop = [];
    private readonly RtpFrame?[] _lastFrames = new RtpFrame?[2];
    private int _gopPackets;
    private long _nextDescribe;
    private StreamClockReport? _clock;
    private RtpMulticastSender? _multicastSender;
    private string _parameterSets = string.Empty;
    private ulong _sdpVersion;
    private bool _closing;
    private bool _announcedReady;
    private readonly bool _cacheGop;
    private int _restartsSeen;
    private long _nextChunk = -1;

    /// <param name="station">The station's name (the SDP's s=).</param>
    /// <param name="settings">RTP payload size, session start, multicast ports.</param>
    /// <param name="group">The station's multicast group; null for a unicast-only station (no RTSP multicast).</param>
    /// <param name="multicast">TTL and outgoing interface of the group.</param>
    /// <param name="describeWait">How long a DESCRIBE waits for the first keyframe (5 s when null).</param>
    public StationRtpStream(string station, RtspSettings settings, MulticastGroup? group, MulticastSettings multicast, TimeSpan? describeWait = null)
    {
        _station = station;
        _settings = settings;
        _group = group;
        _multicast = multicast;
        _describeWait = describeWait ?? DefaultDescribeWait;
        _cacheGop = settings.SessionStart == CachedGop;
        _packetizer = new StationRtpPacketizer(settings.MaxPayloadSize);
        _log = Context.System.LoggerFactory().CreateLogger<StationRtpStream>();

        Receive<EncodedChunk>(HandleChunk);
        Receive<StreamClockReport>(report => _clock = report);
        Receive<DescribeRtpStream>(HandleDescribe);
        Receive<DescribeTimeout>(HandleDescribeTimeout);
        Receive<StartRtp>(HandleStart);
        Receive<StopRtp>(_ => RemoveSession(Sender));
        Receive<JoinRtpMulticast>(_ => HandleJoin());
        Receive<LeaveRtpMulticast>(_ => Leave(Sender));
        Receive<RtpClockTick>(_ => HandleClockTick());
        Receive<CloseStation>(HandleClose);
        Receive<Terminated>(terminated =>
        {
            RemoveSession(terminated.ActorRef);
            Leave(terminated.ActorRef);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The stream of a station, as the station starts it (its multicast group unless it is unicast-only).</summary>
    public static Props Props(StationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var name = settings.Name;
        var rtsp = settings.Rtsp;
        var group = settings.Unicast ? null : settings.Group;
        var multicast = settings.Multicast;
        return Akka.Actor.Props.Create(() => new StationRtpStream(name, rtsp, group, multicast, null));
    }

    protected override void PreStart() => Timers.StartPeriodicTimer("clock", RtpClockTick.Instance, TimeSpan.FromSeconds(1));

    protected override void PostStop() => _multicastSender?.Dispose();

    private bool Ready => _packetizer.HasParameterSets && (!_demuxer.HasAudio || _packetizer.Audio is not null);

    private bool HasAudioTrack => _demuxer.HasAudio && _packetizer.Audio is not null;

    private void HandleChunk(EncodedChunk chunk)
    {
        if (_closing)
        {
            return;
        }

        // A chunk out of turn is another encoder run (numbered from 0 again): its stream does not follow on from the
        // last one's, whatever its continuity counters say.
        if (_nextChunk >= 0 && chunk.Sequence != _nextChunk)
        {
            _demuxer.BreakOff();
        }

        _nextChunk = chunk.Sequence + 1;
        foreach (var frame in _demuxer.Feed(chunk.Data.Span))
        {
            RtpFrame? rtp;
            try
            {
                rtp = _packetizer.Packetize(frame);
            }
            catch (RtpFormatException ex)
            {
                _log.LogWarning("Station {Station}: a {Kind} frame cannot be sent as RTP: {Reason}", _station, frame.Kind, ex.Message);
                continue;
            }

            if (rtp is not null)
            {
                OnFrame(rtp);
            }
        }
    }

    private void OnFrame(RtpFrame frame)
    {
        _lastFrames[frame.Track] = frame;
        if (frame.Keyframe)
        {
            _gop.Clear();
            _gopPackets = 0;
            NoteParameterSets();
        }

        // Only kept when sessions start with it (actorstream.rtsp.session-start = cached-gop).
        if (_cacheGop && (_gop.Count > 0 || frame.Keyframe))
        {
            if (_gopPackets + frame.Packets.Count <= MaxCachedPackets)
            {
                _gop.Add(frame);
                _gopPackets += frame.Packets.Count;
            }
        }

        if (!_announcedReady && Ready)
        {
            _announcedReady = true;
            _log.LogInformation("Station {Station}: RTP ready ({Video}{Audio}, SSRC video {VideoSsrc:x8})", _station,
                _packetizer.VideoStreamType == ProgramTables.H265StreamType ? "H.265" : "H.264",
                _packetizer.Audio is { } a ? $", AAC {a.SampleRate} Hz {a.ChannelConfiguration} ch" : "", _packetizer.Writer(0).Ssrc);
        }

        if (_packetizer.Restarts != _restartsSeen)
        {
            _restartsSeen = _packetizer.Restarts;
            _log.LogInformation("Station {Station}: the encoder's timestamps started over (restart {Restarts}); RTP time carries on", _station, _restartsSeen);
        }

        if (_describes.Count > 0 && Ready)
        {
            AnswerDescribes();
        }

        var batch = new RtpBatch(frame.Track, frame.Keyframe, frame.Packets);
        foreach (var (session, state) in _sessions)
        {
            if (!state.Started)
            {
                // A session starts where a decoder can: a video keyframe (or any audio frame, for an audio-only session).
                var startsHere = state.Tracks.Contains(StationRtpPacketizer.VideoTrack)
                    ? frame.Track == StationRtpPacketizer.VideoTrack && frame.Keyframe
                    : state.Tracks.Contains(frame.Track);
                if (!startsHere)
                {
                    continue;
                }

                Begin(session, state, frame);
            }

            if (state.Tracks.Contains(frame.Track))
            {
                session.Tell(batch, Self);
            }
        }

        if (_multicastSender is not null && _group is not null)
        {
            var port = MulticastPort(frame.Track);
            foreach (var packet in frame.Packets)
            {
                _multicastSender.Send(port, packet);
            }
        }
    }

    private void Begin(IActorRef session, StationRtpSession state, RtpFrame first)
    {
        state.Started = true;
        var starts = state.Tracks.Order().Select(track => track == first.Track
            ? Start(track, first.FirstSequence, first.RtpTime)
            : Start(track, _packetizer.Writer(track).NextSequence, _packetizer.Writer(track).RtpTimestamp(TrackTime(track, first.MediaTime))))
            .ToList();
        session.Tell(new RtpStarted(starts), Self);
        foreach (var clock in Clocks().Where(c => state.Tracks.Contains(c.Track)))
        {
            session.Tell(clock, Self);
        }
    }

    private RtpTrackStart Start(int track, ushort sequence, uint rtpTime) =>
        new(track, Control(track), _packetizer.Writer(track).Ssrc, sequence, rtpTime, _packetizer.ClockRate(track));

    private long TrackTime(int track, long media90k) =>
        track == StationRtpPacketizer.VideoTrack ? media90k : (long)Math.Round(media90k * (double)_packetizer.ClockRate(track) / StationRtpPacketizer.VideoClockRate);

    private void HandleDescribe(DescribeRtpStream describe)
    {
        if (_closing)
        {
            Sender.Tell(new RtpStreamUnavailable($"station {_station} is closing"));
            return;
        }

        if (Ready)
        {
            Sender.Tell(Described(describe, HasAudioTrack));
            return;
        }

        var id = _nextDescribe++;
        _describes[id] = (Sender, describe);
        Timers.StartSingleTimer($"describe-{id}", new DescribeTimeout(id), _describeWait);
    }

    private void HandleDescribeTimeout(DescribeTimeout timeout)
    {
        if (!_describes.Remove(timeout.Id, out var waiting))
        {
            return;
        }

        if (_packetizer.HasParameterSets)
        {
            // The video is ready but the audio never showed a frame: describe the video alone.
            _log.LogWarning("Station {Station}: its audio gave no AAC frame within {Wait} s; described without audio", _station, _describeWait.TotalSeconds);
            waiting.ReplyTo.Tell(Described(waiting.Request, withAudio: false));
            return;
        }

        waiting.ReplyTo.Tell(new RtpStreamUnavailable(
            $"station {_station} sent no keyframe with parameter sets within {_describeWait.TotalSeconds:0.#} s"));
    }

    private void AnswerDescribes()
    {
        foreach (var (id, waiting) in _describes)
        {
            Timers.Cancel($"describe-{id}");
            waiting.ReplyTo.Tell(Described(waiting.Request, HasAudioTrack));
        }

        _describes.Clear();
    }

    private RtpStreamDescribed Described(DescribeRtpStream request, bool withAudio)
    {
        var h265 = _packetizer.VideoStreamType == ProgramTables.H265StreamType;
        var audio = withAudio ? _packetizer.Audio : null;
        var sdp = RtspSdp.Describe(_station, request.ServerAddress, _sdpVersion, h265 ? null : _packetizer.H264, h265 ? _packetizer.H265 : null, audio);
        var tracks = new List<RtpTrackInfo> { Info(StationRtpPacketizer.VideoTrack) };
        if (audio is not null)
        {
            tracks.Add(Info(StationRtpPacketizer.AudioTrack));
        }

        return new RtpStreamDescribed(sdp, tracks, _group is not null);
    }

    private RtpTrackInfo Info(int track) => new(
        track, Control(track), track == StationRtpPacketizer.VideoTrack ? "video" : "audio", _packetizer.ClockRate(track), _packetizer.Writer(track).Ssrc);

    private static string Control(int track) => track == StationRtpPacketizer.VideoTrack ? RtspSdp.VideoControl : RtspSdp.AudioControl;

    // The SDP's version grows when the parameter sets change (an encoder restarted with other settings).
    private void NoteParameterSets()
    {
        var sets = _packetizer.H264?.SpropParameterSets ?? (_packetizer.H265 is { } h ? h.SpropVps + h.SpropSps + h.SpropPps : string.Empty);
        if (sets != _parameterSets)
        {
            _parameterSets = sets;
            _sdpVersion++;
        }
    }

    private void HandleStart(StartRtp start)
    {
        if (_closing)
        {
            Sender.Tell(new RtpStreamUnavailable($"station {_station} is closing"));
            return;
        }

        var tracks = start.Tracks.Where(t => t == StationRtpPacketizer.VideoTrack || (t == StationRtpPacketizer.AudioTrack && HasAudioTrack)).ToHashSet();
        if (tracks.Count == 0)
        {
            Sender.Tell(new RtpStreamUnavailable($"station {_station} has none of the tracks {string.Join(",", start.Tracks)}"));
            return;
        }

        var state = new StationRtpSession(tracks);
        if (!_sessions.ContainsKey(Sender))
        {
            Context.Watch(Sender);
        }

        _sessions[Sender] = state;
        if (_cacheGop && _gop.Count > 0 && tracks.Contains(StationRtpPacketizer.VideoTrack))
        {
            // The cached group of pictures first (its packets keep their sequence numbers), then live from the next frame.
            var first = _gop[0];
            state.Started = true;
            var starts = tracks.Order().Select(track => _gop.FirstOrDefault(f => f.Track == track) is { } f
                ? Start(track, f.FirstSequence, f.RtpTime)
                : Start(track, _packetizer.Writer(track).NextSequence, _packetizer.Writer(track).RtpTimestamp(TrackTime(track, first.MediaTime))))
                .ToList();
            Sender.Tell(new RtpStarted(starts), Self);
            foreach (var frame in _gop.Where(f => tracks.Contains(f.Track)))
            {
                Sender.Tell(new RtpBatch(frame.Track, frame.Keyframe, frame.Packets), Self);
            }

            foreach (var clock in Clocks().Where(c => tracks.Contains(c.Track)))
            {
                Sender.Tell(clock, Self);
            }
        }
    }

    private void RemoveSession(IActorRef session)
    {
        if (_sessions.Remove(session) && !_multicastMembers.Contains(session))
        {
            Context.Unwatch(session);
        }

        foreach (var id in _describes.Where(d => d.Value.ReplyTo.Equals(session)).Select(d => d.Key).ToList())
        {
            _describes.Remove(id);
            Timers.Cancel($"describe-{id}");
        }
    }

    private void HandleJoin()
    {
        if (_group is null)
        {
            Sender.Tell(new RtpStreamUnavailable($"station {_station} is unicast-only: it has no multicast group"));
            return;
        }

        if (_closing)
        {
            Sender.Tell(new RtpStreamUnavailable($"station {_station} is closing"));
            return;
        }

        if (_multicastSender is null)
        {
            try
            {
                _multicastSender = new RtpMulticastSender(_group.Address, _multicast.Ttl, _multicast.Interface);
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ArgumentException)
            {
                _log.LogError("Station {Station}: cannot send RTP to {Group}: {Reason}", _station, _group.Address, ex.Message);
                Sender.Tell(new RtpStreamUnavailable($"station {_station} cannot send to its group {_group.Address}: {ex.Message}"));
                return;
            }

            _log.LogInformation("Station {Station}: RTSP multicast to {Group} ports {Port}.. starts", _station, _group.Address, _settings.MulticastPort);
        }

        if (_multicastMembers.Add(Sender) && !_sessions.ContainsKey(Sender))
        {
            Context.Watch(Sender);
        }

        var tracks = HasAudioTrack ? new[] { StationRtpPacketizer.VideoTrack, StationRtpPacketizer.AudioTrack } : [StationRtpPacketizer.VideoTrack];
        var ports = tracks.Select(MulticastPort).ToList();
        var starts = tracks.Select(track => _lastFrames[track] is { } last
            ? Start(track, _packetizer.Writer(track).NextSequence, last.RtpTime)
            : Start(track, _packetizer.Writer(track).NextSequence, _packetizer.Writer(track).RtpTimestamp(0))).ToList();
        Sender.Tell(new RtpMulticastJoined(_group.Address.ToString(), ports, _multicast.Ttl, starts), Self);
    }

    private void Leave(IActorRef session)
    {
        if (!_multicastMembers.Remove(session))
        {
            return;
        }

        if (!_sessions.ContainsKey(session))
        {
            Context.Unwatch(session);
        }

        if (_multicastMembers.Count == 0 && _multicastSender is not null)
        {
            _multicastSender.Dispose();
            _multicastSender = null;
            _log.LogInformation("Station {Station}: RTSP multicast stops (no session joined)", _station);
        }
    }

    private int MulticastPort(int track) => _settings.MulticastPort + (2 * track);

    private void HandleClockTick()
    {
        var clocks = Clocks();
        foreach (var clock in clocks)
        {
            foreach (var (session, state) in _sessions)
            {
                if (state.Started && state.Tracks.Contains(clock.Track))
                {
                    session.Tell(clock, Self);
                }
            }

            if (_multicastSender is not null)
            {
                SendSenderReport(clock);
            }
        }
    }

    // The RTP time of the latest capture-time report's PTS, per track.
    private List<RtpClock> Clocks()
    {
        var clocks = new List<RtpClock>(2);
        if (_clock is null)
        {
            return clocks;
        }

        foreach (var track in HasAudioTrack ? new[] { 0, 1 } : [0])
        {
            if (_packetizer.RtpTime(track, _clock.Pts) is { } rtp)
            {
                clocks.Add(new RtpClock(track, _packetizer.Writer(track).Ssrc, _clock.CaptureUtc, rtp, _packetizer.ClockRate(track)));
            }
        }

        return clocks;
    }

    private void SendSenderReport(RtpClock clock)
    {
        // The report says what RTP time it is now: the capture mapping moved on by the time since.
        var now = DateTime.UtcNow;
        var rtpNow = unchecked(clock.RtpTime + (uint)(long)Math.Round((now - clock.CaptureUtc).TotalSeconds * clock.ClockRate));
        var writer = _packetizer.Writer(clock.Track);
        var report = RtcpSenderReport.At(clock.Ssrc, now, rtpNow, writer.PacketCount, writer.OctetCount);
        _multicastSender!.Send(MulticastPort(clock.Track) + 1, report.ToArray());
    }

    private void HandleClose(CloseStation close)
    {
        if (_closing)
        {
            return;
        }

        _closing = true;
        var unavailable = new RtpStreamUnavailable($"station {_station} is closing: {close.Reason}");
        foreach (var session in _sessions.Keys.Concat(_multicastMembers).Concat(_describes.Values.Select(d => d.ReplyTo)).Distinct().ToList())
        {
            session.Tell(unavailable, Self);
        }

        _describes.Clear();
        Context.Stop(Self);
    }
}

/// <summary>Time for the RTP clocks and multicast sender reports (once a second).</summary>
internal sealed record RtpClockTick
{
    public static RtpClockTick Instance { get; } = new();
}

/// <summary>A DESCRIBE's wait for the first keyframe is over.</summary>
internal sealed record DescribeTimeout(long Id);
