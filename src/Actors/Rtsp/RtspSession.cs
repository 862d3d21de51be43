using System.Buffers.Binary;
using System.Net;
using ActorStream.Actors.Logging;
using ActorStream.Media.Rtp;
using ActorStream.Media.Rtsp;
using ActorStream.Media.Transport;
using ActorStream.Messages.Rtsp;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorStream.Actors.Rtsp;

/// <summary>
/// One RTSP session (RFC 2326 section A.1): ready, playing or paused, with its tracks' transports. While it plays it
/// forwards the station stream's shared packets to its client (UDP through the server's socket pair, or interleaved
/// on its connection's writer), sends RTCP sender reports with its own counts, reads the client's receiver reports
/// and publishes its figures. A child of /user/rtsp so a UDP session outlives the connection that set it up; an
/// interleaved one ends with its connection. Reaped after the session timeout without a request or RTCP.
/// </summary>
public sealed class RtspSession : ReceiveActor, IWithTimers, IWithUnboundedStash
{
    /// <summary>How long PLAY waits for the stream's first packet (the next keyframe) before answering 503.</summary>
    public static readonly TimeSpan PlayStartTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(1);
    private readonly string _id;
    private readonly string _station;
    private readonly IActorRef _stream;
    private readonly RtpStreamDescribed _described;
    private readonly RtspSettings _settings;
    private readonly RtpSocketPair _udp;
    private readonly IPEndPoint _client;
    private readonly ILogger _log;
    private readonly DateTime _started = DateTime.UtcNow;
    private readonly Dictionary<int, SessionTrack> _tracks = new();
    private readonly Dictionary<uint, DateTime> _senderReportsSent = new();
    private readonly string _cname;
    private string _transport = "";
    private string _state = "ready";
    private IActorRef? _connection;
    private BoundedStreamWriter? _writer;
    private (SessionRequest Request, string? Range)? _pendingPlay;
    private bool _joined;
    private RtpMulticastJoined? _group;
    private long _packetsSent;
    private long _bytesSent;
    private double? _fractionLost;
    private long? _cumulativeLost;
    private double? _jitterMs;
    private double? _roundTripMs;
    private DateTime? _lastReceiverReport;

    public RtspSession(
        string id, string station, IActorRef stream, RtpStreamDescribed described, RtspSettings settings, RtpSocketPair udp, IPEndPoint client)
    {
        _id = id;
        _station = station;
        _stream = stream;
        _described = described;
        _settings = settings;
        _udp = udp;
        _client = client;
        _cname = $"actorstream-{station}";
        _log = Context.System.LoggerFactory().CreateLogger<RtspSession>();
        Ready();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public IStash Stash { get; set; } = null!;

    public static Props Props(
        string id, string station, IActorRef stream, RtpStreamDescribed described, RtspSettings settings, RtpSocketPair udp, IPEndPoint client) =>
        Akka.Actor.Props.Create(() => new RtspSession(id, station, stream, described, settings, udp, client));

    private string SessionValue => new SessionHeader(_id, Math.Max(1, (int)Math.Ceiling(_settings.SessionTimeout.TotalSeconds))).ToString();

    protected override void PreStart()
    {
        Context.Watch(_stream);
        Timers.StartPeriodicTimer("report", ReportTick.Instance, ReportInterval);
        Touch();
    }

    protected override void PostStop()
    {
        if (_pendingPlay is { } pending)
        {
            pending.Request.Connection.Tell(new SessionReply(pending.Request.Op,
                new RtspResponse(RtspStatus.SessionNotFound, pending.Request.Request.CSeq), null, false, []), ActorRefs.NoSender);
        }

        if (_state == "playing" && _transport != "multicast") _stream.Tell(new StopRtp(), Self);
        if (_joined) _stream.Tell(new LeaveRtpMulticast(), Self);
        _state = "closed";
        Context.System.EventStream.Publish(Report());
        _log.LogInformation("RTSP session {Session} of {Station} for {Client} ended after {Packets} packets", _id, _station, _client, _packetsSent);
    }

    private void Ready()
    {
        _state = "ready";
        Common();
        Receive<SessionRequest>(r => r.Request.Method == "PLAY", Play);
        Receive<SessionRequest>(r => r.Request.Method == "PAUSE", r => Answer(r, Ok(r), playing: false));
        Receive<SessionRequest>(Other);
        Receive<RtpBatch>(_ => { });
        Receive<RtpClock>(_ => { });
    }

    private void Starting()
    {
        Common();
        Receive<RtpStarted>(started =>
        {
            Timers.Cancel("play-timeout");
            var (request, range) = _pendingPlay!.Value;
            _pendingPlay = null;
            AnswerPlay(request, started.Tracks, range);
        });
        Receive<RtpMulticastJoined>(joined =>
        {
            Timers.Cancel("play-timeout");
            _joined = true;
            _group = joined;
            var (request, range) = _pendingPlay!.Value;
            _pendingPlay = null;
            AnswerPlay(request, joined.Tracks, range);
        });
        Receive<RtpStreamUnavailable>(unavailable => FailPlay($"the stream is unavailable: {unavailable.Reason}"));
        Receive<PlayTimeout>(_ => FailPlay($"no keyframe from the stream within {PlayStartTimeout.TotalSeconds:0} s"));
        Receive<SessionRequest>(_ => Stash.Stash());
        Receive<RtpBatch>(_ => { });
        Receive<RtpClock>(_ => { });
    }

    private void Playing()
    {
        _state = "playing";
        Common();
        Receive<RtpBatch>(Send);
        Receive<RtpClock>(SendSenderReport);
        Receive<SessionRequest>(r => r.Request.Method == "PLAY", r => Answer(r, Ok(r).WithRange("npt=now-"), playing: true));
        Receive<SessionRequest>(r => r.Request.Method == "PAUSE", r =>
        {
            StopPackets();
            Become(Paused);
            Answer(r, Ok(r), playing: false);
        });
        Receive<SessionRequest>(Other);
    }

    private void Paused()
    {
        _state = "paused";
        Common();
        Receive<SessionRequest>(r => r.Request.Method == "PLAY", Play);
        Receive<SessionRequest>(r => r.Request.Method == "PAUSE", r => Answer(r, Ok(r), playing: false));
        Receive<SessionRequest>(Other);
        Receive<RtpBatch>(_ => { });
        Receive<RtpClock>(_ => { });
    }

    /// <summary>What every state handles: reports, RTCP from the client, reaping and the end of what the session depends on.</summary>
    private void Common()
    {
        Receive<ReportTick>(_ => Context.System.EventStream.Publish(Report()));
        Receive<RtcpFromClient>(ReadReceiverReports);
        Receive<Reap>(_ =>
        {
            _log.LogInformation("RTSP session {Session} of {Station} for {Client}: nothing from the client for {Timeout}, reaped",
                _id, _station, _client, _settings.SessionTimeout);
            Context.Stop(Self);
        });
        Receive<Terminated>(t => t.ActorRef.Equals(_stream), _ =>
        {
            _log.LogInformation("RTSP session {Session}: the stream of {Station} ended", _id, _station);
            Context.Stop(Self);
        });
        Receive<Terminated>(t => t.ActorRef.Equals(_connection), _ => Context.Stop(Self));
        Receive<SessionRequest>(r => r.Url is not null && r.Url.Station != _station, r =>
            Answer(r, Refuse(r, RtspStatus.SessionNotFound), playing: _state == "playing"));
        Receive<SessionRequest>(r => _connection is not null && !r.Connection.Equals(_connection), r =>
            // An interleaved session's packets go down its own connection: no other connection may drive it.
            Answer(r, Refuse(r, RtspStatus.SessionNotFound), playing: _state == "playing"));
        Receive<SessionRequest>(r => r.Request.Method == "SETUP", Setup);
        Receive<SessionRequest>(r => r.Request.Method == "TEARDOWN", r =>
        {
            if (_state == "playing") StopPackets();
            // The server forgets the id before the client can read the answer and name the session again.
            Context.Parent.Tell(new SessionEnding(_id));
            Answer(r, Ok(r), playing: false);
            Context.Stop(Self);
        });
        Receive<SessionRequest>(r => r.Request.Method is "GET_PARAMETER" or "SET_PARAMETER", r => Answer(r, Ok(r), _state == "playing"));
    }

    private void Answer(SessionRequest request, RtspResponse response, bool playing)
    {
        Touch();
        var channels = _tracks.Values.Where(t => t.RtcpChannel is not null).Select(t => t.RtcpChannel!.Value).ToList();
        // Written here, onto the writer its interleaved packets go to, not handed to the connection: a PLAY answer must
        // reach the client before the packets this session sends from the next message on (the connection has this
        // request in flight and writes nothing else meanwhile, so answers stay in order).
        if (!response.Headers.Any(h => h.Key == "Server")) response.With("Server", "ActorStream");
        request.Writer.Enqueue(response.ToBytes());
        request.Connection.Tell(new SessionReply(request.Op, response, Self, playing, channels, Written: true), Self);
    }

    private RtspResponse Ok(SessionRequest request) => new RtspResponse(RtspStatus.Ok, request.Request.CSeq).With("Session", SessionValue);

    private RtspResponse Refuse(SessionRequest request, int status, string? reason = null)
    {
        if (reason is not null)
        {
            _log.LogInformation("RTSP session {Session}: {Method} from {Client} refused with {Status}: {Reason}",
                _id, request.Request.Method, request.Client, status, reason);
        }

        return new RtspResponse(status, request.Request.CSeq);
    }

    private void Other(SessionRequest request) =>
        Answer(request, Refuse(request, RtspStatus.MethodNotValidInThisState, $"{request.Request.Method} while {_state}"), playing: _state == "playing");

    /// <summary>A refused first SETUP leaves no session behind (RFC 2326 section 10.4: the session exists once SETUP succeeded).</summary>
    private void RefuseSetup(SessionRequest request, bool playing, RtspResponse response)
    {
        if (_tracks.Count == 0)
        {
            request.Connection.Tell(new SessionReply(request.Op, response, null, false, []), Self);
            Context.Stop(Self);
            return;
        }

        Answer(request, response, playing);
    }

    private void Setup(SessionRequest request)
    {
        var playing = _state == "playing";
        if (playing || _pendingPlay is not null)
        {
            RefuseSetup(request, playing, Refuse(request, RtspStatus.MethodNotValidInThisState, "SETUP while playing"));
            return;
        }

        var setup = SetupRequest.Read(request.Request, request.Url, _described);
        if (!setup.Succeeded)
        {
            RefuseSetup(request, playing, Refuse(request, setup.Status, setup.Reason));
            return;
        }

        var track = setup.Track!;
        var chosen = setup.Transport!;
        var kind = setup.Kind;
        if (_transport.Length > 0 && _transport != kind)
        {
            RefuseSetup(request, playing, Refuse(request, RtspStatus.UnsupportedTransport, $"{kind} in a {_transport} session"));
            return;
        }

        if (kind == "multicast")
        {
            // The group's address and ports come from the stream: join it now, answer when it says where.
            _transport = kind;
            _pendingPlay = (request, null);
            Become(SettingUpMulticast);
            _stream.Tell(new JoinRtpMulticast(), Self);
            Timers.StartSingleTimer("play-timeout", PlayTimeout.Instance, PlayStartTimeout);
            return;
        }

        RtspTransport answer;
        if (kind == "tcp")
        {
            var channels = chosen.Interleaved ?? new PortPair(track.Index * 2, (track.Index * 2) + 1);
            if (_tracks.Values.Any(t => t.Info.Index != track.Index && (t.RtpChannel == channels.First || t.RtcpChannel == channels.Second)))
            {
                RefuseSetup(request, playing, Refuse(request, RtspStatus.UnsupportedTransport, $"interleaved channels {channels} already in use"));
                return;
            }

            if (_connection is null)
            {
                _connection = request.Connection;
                _writer = request.Writer;
                Context.Watch(_connection);
            }

            _tracks[track.Index] = new SessionTrack(track, null, null, channels.First, channels.Second);
            answer = new RtspTransport { Lower = LowerTransport.Tcp, Interleaved = channels, Ssrc = track.Ssrc };
        }
        else
        {
            // Unicast goes to the address the request came from, never to a destination the client names (RFC 2326 section 12.39).
            var ports = chosen.ClientPort!.Value;
            var rtcp = new IPEndPoint(request.Client.Address, ports.Second);
            _tracks[track.Index] = new SessionTrack(track, new IPEndPoint(request.Client.Address, ports.First), rtcp, null, null);
            Context.Parent.Tell(new RegisterRtcpSource(rtcp), Self);
            answer = new RtspTransport { ClientPort = ports, ServerPort = new PortPair(_udp.RtpPort, _udp.RtcpPort), Ssrc = track.Ssrc };
        }

        _transport = kind;
        _log.LogInformation("RTSP session {Session} of {Station} for {Client}: SETUP {Control} over {Transport}", _id, _station, request.Client, track.Control, kind);
        Answer(request, Ok(request).WithTransport(answer), playing: false);
    }

    private void SettingUpMulticast()
    {
        Common();
        Receive<RtpMulticastJoined>(joined =>
        {
            Timers.Cancel("play-timeout");
            var request = _pendingPlay!.Value.Request;
            _pendingPlay = null;
            _joined = true;
            _group = joined;
            foreach (var track in _described.Tracks)
            {
                if (track.Index < joined.Ports.Count) _tracks[track.Index] = new SessionTrack(track, null, null, null, null);
            }

            var control = request.Url?.Control;
            var index = _described.Tracks.FirstOrDefault(t => t.Control == control)?.Index ?? 0;
            var port = joined.Ports[Math.Min(index, joined.Ports.Count - 1)];
            var answer = new RtspTransport
            {
                Multicast = true, Destination = joined.Address, Port = new PortPair(port, port + 1), Ttl = joined.Ttl,
            };
            Become(Ready);
            Stash.UnstashAll();
            Answer(request, Ok(request).WithTransport(answer), playing: false);
        });
        Receive<RtpStreamUnavailable>(u => FailSetup(u.Reason));
        Receive<PlayTimeout>(_ => FailSetup("the stream did not say where its group is"));
        Receive<SessionRequest>(_ => Stash.Stash());
        Receive<RtpBatch>(_ => { });
        Receive<RtpClock>(_ => { });
    }

    private void FailSetup(string reason)
    {
        var request = _pendingPlay!.Value.Request;
        _pendingPlay = null;
        if (_tracks.Count == 0) _transport = "";
        Become(Ready);
        Stash.UnstashAll();
        RefuseSetup(request, false, Refuse(request, RtspStatus.UnsupportedTransport, $"multicast: {reason}"));
    }

    private void Play(SessionRequest request)
    {
        if (_tracks.Count == 0)
        {
            Answer(request, Refuse(request, RtspStatus.MethodNotValidInThisState, "PLAY before SETUP"), playing: false);
            return;
        }

        _pendingPlay = (request, "npt=now-");
        Become(Starting);
        if (_transport == "multicast")
        {
            if (_joined && _group is not null)
            {
                Self.Tell(_group);
            }
            else
            {
                _stream.Tell(new JoinRtpMulticast(), Self);
            }
        }
        else
        {
            _stream.Tell(new StartRtp(_tracks.Keys.Order().ToList()), Self);
        }

        Timers.StartSingleTimer("play-timeout", PlayTimeout.Instance, PlayStartTimeout);
    }

    private void AnswerPlay(SessionRequest request, IReadOnlyList<RtpTrackStart> starts, string? range)
    {
        var entries = starts.Where(s => _tracks.ContainsKey(s.Index))
            .Select(s => new RtpInfoEntry(request.ContentBase + s.Control, s.Sequence, s.RtpTime)).ToList();
        var response = Ok(request).WithRange(range ?? "npt=now-");
        try
        {
            if (entries.Count > 0) response.WithRtpInfo(RtpInfoEntry.Format(entries));
        }
        catch (InvalidOperationException ex)
        {
            // A URL the client wrote with a separator in it cannot be echoed; RTP-Info is optional (RFC 2326 section 12.33).
            _log.LogInformation("RTSP session {Session}: PLAY answered without RTP-Info: {Reason}", _id, ex.Message);
        }
        Become(Playing);
        Stash.UnstashAll();
        _log.LogInformation("RTSP session {Session} of {Station} for {Client} plays over {Transport}", _id, _station, request.Client, _transport);
        Answer(request, response, playing: true);
    }

    private void FailPlay(string reason)
    {
        Timers.Cancel("play-timeout");
        var request = _pendingPlay!.Value.Request;
        _pendingPlay = null;
        if (_transport != "multicast") _stream.Tell(new StopRtp(), Self);
        Become(Ready);
        Stash.UnstashAll();
        Answer(request, Refuse(request, RtspStatus.ServiceUnavailable, reason), playing: false);
    }

    private void StopPackets()
    {
        if (_transport == "multicast")
        {
            if (_joined) _stream.Tell(new LeaveRtpMulticast(), Self);
            _joined = false;
            _group = null;
        }
        else
        {
            _stream.Tell(new StopRtp(), Self);
        }
    }

    private void Send(RtpBatch batch)
    {
        if (!_tracks.TryGetValue(batch.Track, out var track)) return;
        foreach (var packet in batch.Packets)
        {
            if (track.RtpAddress is { } to)
            {
                if (!_udp.SendRtp(packet, to)) continue;
            }
            else if (track.RtpChannel is { } channel && _writer is { } writer)
            {
                if (!writer.Enqueue(InterleavedHead(channel, packet.Length), packet))
                {
                    // Too far behind: the connection sees its writer give up, logs and closes; this session ends with it.
                    return;
                }
            }
            else
            {
                return;
            }

            track.Packets = unchecked(track.Packets + 1);
            track.Octets = unchecked(track.Octets + (uint)Math.Max(0, packet.Length - RtpHeader.FixedLength));
            _packetsSent++;
            _bytesSent += packet.Length;
        }
    }

    private static byte[] InterleavedHead(int channel, int length)
    {
        var head = new byte[4];
        head[0] = (byte)'$';
        head[1] = (byte)channel;
        BinaryPrimitives.WriteUInt16BigEndian(head.AsSpan(2), (ushort)length);
        return head;
    }

    private void SendSenderReport(RtpClock clock)
    {
        if (!_tracks.TryGetValue(clock.Track, out var track) || track.Packets == 0) return;
        var report = RtcpSenderReport.At(clock.Ssrc, clock.CaptureUtc, clock.RtpTime, track.Packets, track.Octets);
        var sdes = new RtcpSourceDescription(clock.Ssrc, _cname);
        var datagram = new byte[report.Length + sdes.Length];
        report.WriteTo(datagram);
        sdes.WriteTo(datagram.AsSpan(report.Length));

        // The report's NTP time is the capture time (so clients can measure latency): remember when each was really sent,
        // so a receiver report's LSR/DLSR give the round trip (RFC 3550 6.4.1) from the send time, not the capture time.
        var compact = NtpTimestamp.Compact(report.NtpTimestamp);
        _senderReportsSent[compact] = DateTime.UtcNow;
        if (_senderReportsSent.Count > 16)
        {
            foreach (var old in _senderReportsSent.OrderBy(p => p.Value).Take(_senderReportsSent.Count - 16).Select(p => p.Key).ToList())
                _senderReportsSent.Remove(old);
        }

        if (track.RtcpTo is { } to)
        {
            _udp.SendRtcp(datagram, to);
        }
        else if (track.RtcpChannel is { } channel && _writer is { } writer)
        {
            writer.Enqueue(InterleavedHead(channel, datagram.Length), datagram);
        }
    }

    private void ReadReceiverReports(RtcpFromClient rtcp)
    {
        if (rtcp.Channel is { } channel && !_tracks.Values.Any(t => t.RtcpChannel == channel)) return;
        Touch();
        RtcpCompoundPacket packet;
        try
        {
            packet = RtcpCompoundPacket.Parse(rtcp.Datagram);
        }
        catch (RtpFormatException ex)
        {
            _log.LogDebug("RTSP session {Session}: unreadable RTCP from {Client}: {Reason}", _id, _client, ex.Message);
            return;
        }

        var now = DateTime.UtcNow;
        // Video's figures (the lowest track) are the session's when the client reports on several tracks.
        var reported = packet.ReceiverReports.SelectMany(r => r.ReportBlocks).Concat(packet.SenderReports.SelectMany(s => s.ReportBlocks))
            .Select(b => (Block: b, Track: _tracks.Values.FirstOrDefault(t => t.Info.Ssrc == b.Ssrc)))
            .Where(p => p.Track is not null)
            .OrderBy(p => p.Track!.Info.Index)
            .FirstOrDefault();
        if (reported.Track is null) return;
        var (block, track) = (reported.Block, reported.Track);
        _fractionLost = block.FractionLostRatio;
        _cumulativeLost = block.CumulativeLost;
        _jitterMs = track.Info.ClockRate > 0 ? block.Jitter * 1000.0 / track.Info.ClockRate : null;
        if (block.LastSenderReport != 0 && _senderReportsSent.TryGetValue(block.LastSenderReport, out var sentAt))
        {
            var rtt = now - sentAt - TimeSpan.FromTicks((long)block.DelaySinceLastSenderReport * TimeSpan.TicksPerSecond / 65536);
            if (rtt >= TimeSpan.Zero) _roundTripMs = rtt.TotalMilliseconds;
        }

        _lastReceiverReport = now;
    }

    private void Touch() => Timers.StartSingleTimer("reap", Reap.Instance, _settings.SessionTimeout);

    private RtspSessionReport Report() => new(
        _id, _station, _client.ToString(), _transport.Length == 0 ? "udp" : _transport, _state, _started,
        _packetsSent, _bytesSent, _fractionLost, _cumulativeLost, _jitterMs, _roundTripMs, _lastReceiverReport);

    private sealed record ReportTick
    {
        public static ReportTick Instance { get; } = new();
    }

    private sealed record Reap
    {
        public static Reap Instance { get; } = new();
    }

    private sealed record PlayTimeout
    {
        public static PlayTimeout Instance { get; } = new();
    }
}
