using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using ActorStream.Actors.Logging;
using ActorStream.Media.Rtsp;
using ActorStream.Media.Transport;
using ActorStream.Messages.Rtsp;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorStream.Actors.Rtsp;

/// <summary>
/// /user/rtsp: the seed's RTSP/1.0 server (RFC 2326). Listens for connections (an async accept loop that only Tells),
/// one child <see cref="RtspConnection"/> per connection, and keeps the sessions (children too, so a UDP session
/// outlives the connection that set it up) by id. Owns the UDP socket pair every UDP session sends RTP and RTCP from,
/// and routes the receiver reports arriving on its RTCP port to their session by the client's address and port.
/// </summary>
public sealed class RtspServer : ReceiveActor
{
    /// <summary>Its name under /user.</summary>
    public const string Name = "rtsp";

    private readonly RtspSettings _settings;
    private readonly RtspAccess _access;
    private readonly ILogger _log;
    private readonly Dictionary<string, IActorRef> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, (string Id, IActorRef Owner)> _sessionIds = new();
    private readonly Dictionary<IPEndPoint, IActorRef> _rtcpSources = new();
    private readonly HashSet<IActorRef> _connections = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly RandomNumberGenerator _random = RandomNumberGenerator.Create();
    private Socket? _listener;
    private RtpSocketPair? _udp;
    private IPEndPoint? _endpoint;
    private long _accepted;
    private long _refused;
    private long _dropped;

    public RtspServer(RtspSettings settings)
    {
        _settings = settings;
        _access = new RtspAccess(settings);
        _log = Context.System.LoggerFactory().CreateLogger<RtspServer>();

        Receive<Accepted>(OnAccepted);
        Receive<AcceptFailed>(failed => throw new IOException($"RTSP listening on {_endpoint} failed: {failed.Reason}"));
        Receive<OpenSession>(Open);
        Receive<ToSession>(to =>
        {
            if (_sessions.TryGetValue(to.SessionId, out var session)) session.Forward(to.Request);
            else to.Request.Connection.Tell(new SessionReply(to.Request.Op,
                new RtspResponse(RtspStatus.SessionNotFound, to.Request.Request.CSeq), null, false, []));
        });
        Receive<RegisterRtcpSource>(register => _rtcpSources[register.Source] = Sender);
        Receive<RtcpDatagram>(datagram =>
        {
            if (_rtcpSources.TryGetValue(datagram.From, out var session)) session.Tell(new RtcpFromClient(null, datagram.Bytes));
        });
        Receive<ClientDropped>(_ => _dropped++);
        Receive<SessionEnding>(ending =>
        {
            if (_sessions.Remove(ending.SessionId, out var session)) _sessionIds.Remove(session);
        });
        Receive<GetRtspServerStatus>(_ => Sender.Tell(Status()));
        Receive<Terminated>(terminated =>
        {
            var gone = terminated.ActorRef;
            if (_connections.Remove(gone)) return;
            if (_sessionIds.Remove(gone, out var entry)) _sessions.Remove(entry.Id);
            foreach (var source in _rtcpSources.Where(p => p.Value.Equals(gone)).Select(p => p.Key).ToList()) _rtcpSources.Remove(source);
        });
    }

    public static Props Props(RtspSettings settings) => Akka.Actor.Props.Create(() => new RtspServer(settings));

    protected override SupervisorStrategy SupervisorStrategy() =>
        // A connection or session that fails ends alone; the server and everyone else go on.
        new OneForOneStrategy(_ => Directive.Stop);

    protected override void PreStart()
    {
        var address = ListenAddress(_settings.Host);
        var endpoint = new IPEndPoint(address, _settings.Port);
        _listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Bind(endpoint);
        _listener.Listen(128);
        _endpoint = (IPEndPoint)_listener.LocalEndPoint!;
        _udp = RtpSocketPair.Bind(address, _settings.RtpPort);
        _log.LogInformation("RTSP server listening on rtsp://{Endpoint}/STATION (RTP from UDP {RtpPort}, RTCP {RtcpPort})",
            _endpoint, _udp.RtpPort, _udp.RtcpPort);
        var self = Self;
        _ = AcceptLoopAsync(_listener, self, _stop.Token);
        _ = _udp.ReceiveRtcpAsync((from, bytes) => self.Tell(new RtcpDatagram(from, bytes)), _stop.Token);
    }

    protected override void PostStop()
    {
        _stop.Cancel();
        _listener?.Dispose();
        _udp?.Dispose();
        _random.Dispose();
        _stop.Dispose();
    }

    /// <summary>The address to listen on: an IP address, "0.0.0.0"/"*" for every interface, or a name resolved once, at start.</summary>
    internal static IPAddress ListenAddress(string host)
    {
        if (host is "*" or "") return IPAddress.Any;
        if (IPAddress.TryParse(host, out var address)) return address;
        var resolved = Dns.GetHostAddresses(host);
        return resolved.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? resolved.FirstOrDefault()
            ?? throw new ArgumentException($"RTSP host '{host}' resolves to no address", nameof(host));
    }

    private void OnAccepted(Accepted accepted)
    {
        try
        {
            _ = accepted.Socket.RemoteEndPoint ?? throw new SocketException((int)SocketError.NotConnected);
        }
        catch (SocketException)
        {
            // Gone between accept and now: nothing to serve.
            accepted.Socket.Dispose();
            return;
        }

        if (_connections.Count >= _settings.MaxConnections)
        {
            _refused++;
            _log.LogWarning("RTSP connection from {Client} closed at once: {Max} connections are open", accepted.Socket.RemoteEndPoint, _settings.MaxConnections);
            accepted.Socket.Dispose();
            return;
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"connection-{++_accepted}");
        var connection = Context.ActorOf(RtspConnection.Props(accepted.Socket, _settings, _access, Self), name);
        Context.Watch(connection);
        _connections.Add(connection);
    }

    private void Open(OpenSession open)
    {
        var request = open.Request;
        var owned = _sessionIds.Values.Count(s => s.Owner.Equals(request.Connection));
        string? refusal = _sessions.Count >= _settings.MaxSessions ? $"{_settings.MaxSessions} sessions are open"
            : owned >= _settings.MaxSessionsPerConnection ? $"the connection has {owned} sessions already" : null;
        if (refusal is not null)
        {
            _log.LogWarning("RTSP SETUP from {Client} refused: {Reason}", request.Client, refusal);
            request.Connection.Tell(new SessionReply(request.Op,
                new RtspResponse(RtspStatus.NotEnoughBandwidth, request.Request.CSeq), null, false, []));
            return;
        }

        var id = SessionHeader.NewId(_random);
        var session = Context.ActorOf(
            RtspSession.Props(id, open.Station, open.Stream, open.Described, _settings, _udp!, request.Client), "session-" + id);
        Context.Watch(session);
        _sessions[id] = session;
        _sessionIds[session] = (id, request.Connection);
        session.Tell(request, request.Connection);
    }

    private RtspServerStatus Status() => new(
        _endpoint!.ToString(), _endpoint.Port, _udp!.RtpPort, _connections.Count, _sessions.Count, _refused, _dropped);

    private static async Task AcceptLoopAsync(Socket listener, IActorRef self, CancellationToken token)
    {
        try
        {
            while (!token.IsCancellationRequested)
            {
                var socket = await listener.AcceptAsync(token).ConfigureAwait(false);
                self.Tell(new Accepted(socket));
            }
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
            // Stopped: the listener was closed on purpose.
        }
        catch (Exception ex)
        {
            self.Tell(new AcceptFailed(ex.Message));
        }
    }

    private sealed record Accepted(Socket Socket);

    private sealed record AcceptFailed(string Reason);

    private sealed record RtcpDatagram(IPEndPoint From, byte[] Bytes);
}
