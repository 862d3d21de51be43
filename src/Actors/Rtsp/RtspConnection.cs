using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using ActorStream.Actors.Logging;
using ActorStream.Actors.Stations;
using ActorStream.Media.Rtsp;
using ActorStream.Media.Transport;
using ActorStream.Messages.Rtsp;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorStream.Actors.Rtsp;

/// <summary>
/// One client's RTSP connection: reads requests and interleaved RTCP with the incremental parser (off the actor, in an
/// async loop that only Tells), answers them in order (OPTIONS and DESCRIBE itself, the rest through the server's
/// sessions), and owns the connection's bounded writer, which sessions also use for interleaved RTP. A framing error is
/// answered with 400 and the connection closed; every other refusal leaves the connection open. Closed when idle
/// (no request and no playing session for the idle timeout) or when the writer falls more than the TCP backlog behind.
/// </summary>
public sealed class RtspConnection : ReceiveActor, IWithTimers
{
    /// <summary>How long DESCRIBE and SETUP wait for the station's stream, and any request for its session.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(20);

    private const int MaxQueuedRequests = 32;
    private static readonly string[] Methods = ["OPTIONS", "DESCRIBE", "SETUP", "PLAY", "PAUSE", "TEARDOWN", "GET_PARAMETER", "SET_PARAMETER"];
    private static readonly string[] Refused = ["ANNOUNCE", "RECORD", "REDIRECT"];

    private readonly Socket _socket;
    private readonly RtspSettings _settings;
    private readonly RtspAccess _access;
    private readonly IActorRef _server;
    private readonly IPEndPoint _client;
    private readonly IPEndPoint _local;
    private readonly ILogger _log;
    private readonly RtspRequestParser _parser;
    private readonly Queue<RtspInbound> _queue = new();
    private readonly Dictionary<IActorRef, (bool Playing, IReadOnlyList<int> RtcpChannels)> _sessions = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _readCredit = new(4);
    private readonly string _nonce;
    private BoundedStreamWriter _writer = null!;
    private long _op;
    private RtspRequest? _inFlight;
    private bool _closing;

    public RtspConnection(Socket socket, RtspSettings settings, RtspAccess access, IActorRef server)
    {
        _socket = socket;
        _settings = settings;
        _access = access;
        _server = server;
        _client = (IPEndPoint)socket.RemoteEndPoint!;
        _local = (IPEndPoint)socket.LocalEndPoint!;
        _parser = new RtspRequestParser(settings.Limits);
        _nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _log = Context.System.LoggerFactory().CreateLogger<RtspConnection>();

        Receive<BytesRead>(read =>
        {
            _readCredit.Release();
            foreach (var inbound in _parser.Feed(read.Bytes)) Accept(inbound);
            Next();
        });
        Receive<ReadEnded>(ended =>
        {
            _log.LogDebug("RTSP client {Client} closed the connection{Reason}", _client, ended.Reason is null ? "" : ": " + ended.Reason);
            Context.Stop(Self);
        });
        Receive<WriterEnded>(_ =>
        {
            if (_writer.Overflowed)
            {
                _log.LogWarning("RTSP client {Client} dropped: more than {Backlog} bytes of interleaved data waited unread", _client, _settings.TcpBacklogBytes);
                _server.Tell(ClientDropped.Instance);
            }

            Context.Stop(Self);
        });
        Receive<StreamFound>(found => found.Op == _op && _inFlight is not null, found => Described(found));
        Receive<StreamMissing>(missing => missing.Op == _op && _inFlight is not null, missing => Finish(Respond(_inFlight!, missing.Status)));
        Receive<SessionReply>(reply => reply.Op == _op && _inFlight is not null, reply =>
        {
            if (reply.Session is { } session)
            {
                if (_sessions.TryAdd(session, (reply.Playing, reply.RtcpChannels))) Context.Watch(session);
                else _sessions[session] = (reply.Playing, reply.RtcpChannels);
            }

            Finish(reply.Response, reply.Written);
        });
        Receive<SessionReply>(_ => { });
        Receive<StreamFound>(_ => { });
        Receive<StreamMissing>(_ => { });
        Receive<RequestTimedOut>(t => t.Op == _op && _inFlight is not null, _ => Finish(Respond(_inFlight!, RtspStatus.ServiceUnavailable)));
        Receive<RequestTimedOut>(_ => { });
        Receive<Terminated>(t => _sessions.Remove(t.ActorRef));
        Receive<IdleCheck>(_ =>
        {
            if (_inFlight is null && !_sessions.Values.Any(s => s.Playing))
            {
                _log.LogInformation("RTSP client {Client}: no request for {Timeout}, connection closed", _client, _settings.IdleConnectionTimeout);
                Context.Stop(Self);
            }
            else
            {
                Timers.StartSingleTimer("idle", IdleCheck.Instance, _settings.IdleConnectionTimeout);
            }
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(Socket socket, RtspSettings settings, RtspAccess access, IActorRef server) =>
        Akka.Actor.Props.Create(() => new RtspConnection(socket, settings, access, server));

    protected override void PreStart()
    {
        // The kernel's send buffer is bounded too (no autotuning to megabytes), so a stalled reader shows in our queue
        // within about the backlog, not after the kernel has swallowed several times that.
        try
        {
            _socket.SendBufferSize = (int)Math.Clamp(_settings.TcpBacklogBytes, 32 * 1024, 1024 * 1024);
        }
        catch (SocketException ex)
        {
            _log.LogDebug("RTSP client {Client}: send buffer not set: {Reason}", _client, ex.Message);
        }

        _writer = BoundedStreamWriter.ForSocket(_socket, _settings.TcpBacklogBytes);
        _writer.Completion.ContinueWith(_ => (object)WriterEnded.Instance, TaskScheduler.Default).PipeTo(Self);
        Timers.StartSingleTimer("idle", IdleCheck.Instance, _settings.IdleConnectionTimeout);
        _ = ReadLoopAsync(_socket, Self, _readCredit, _stop.Token);
    }

    protected override void PostStop()
    {
        _stop.Cancel();
        _ = CloseAsync(_writer, _socket, _stop, _readCredit);
    }

    private static async Task CloseAsync(BoundedStreamWriter writer, Socket socket, CancellationTokenSource stop, SemaphoreSlim credit)
    {
        // The last response (a 400 before closing) goes out first, for a second at most.
        await writer.DisposeAsync().ConfigureAwait(false);
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        socket.Dispose();
        stop.Dispose();
        credit.Dispose();
    }

    private static async Task ReadLoopAsync(Socket socket, IActorRef self, SemaphoreSlim credit, CancellationToken token)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                // A few reads in flight at most: a client that floods us waits on its own socket, not in our mailbox.
                await credit.WaitAsync(token).ConfigureAwait(false);
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, token).ConfigureAwait(false);
                if (n == 0)
                {
                    self.Tell(new ReadEnded(null));
                    return;
                }

                self.Tell(new BytesRead(buffer.AsSpan(0, n).ToArray()));
            }
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            self.Tell(new ReadEnded(ex.Message));
        }
    }

    private void Accept(RtspInbound inbound)
    {
        if (_closing) return;
        if (inbound is InterleavedFrame frame)
        {
            // The client's RTCP over TCP goes to whichever of its sessions reads that channel.
            foreach (var (session, state) in _sessions)
            {
                if (state.RtcpChannels.Contains(frame.Channel)) session.Tell(new RtcpFromClient(frame.Channel, frame.Payload.ToArray()));
            }

            return;
        }

        if (inbound is RtspParseError { CloseConnection: true } fatal)
        {
            // The byte stream lost its framing: nothing after the error can be read, so nothing queued is answered.
            _queue.Clear();
            _log.LogInformation("RTSP client {Client}: {Reason}; answered {Status} and closed", _client, fatal.Reason, fatal.StatusCode);
            Write(new RtspResponse(fatal.StatusCode, fatal.CSeq).With("Server", "ActorStream"));
            _closing = true;
            Context.Stop(Self);
            return;
        }

        if (_queue.Count >= MaxQueuedRequests)
        {
            _log.LogInformation("RTSP client {Client}: more than {Count} requests waiting for answers, connection closed", _client, MaxQueuedRequests);
            _closing = true;
            Context.Stop(Self);
            return;
        }

        _queue.Enqueue(inbound);
    }

    /// <summary>Answers queued requests in order until one has to wait for another actor.</summary>
    private void Next()
    {
        while (!_closing && _inFlight is null && _queue.TryDequeue(out var inbound))
        {
            Timers.StartSingleTimer("idle", IdleCheck.Instance, _settings.IdleConnectionTimeout);
            switch (inbound)
            {
                case RtspParseError error:
                    _log.LogInformation("RTSP client {Client}: {Reason}; answered {Status}", _client, error.Reason, error.StatusCode);
                    Write(new RtspResponse(error.StatusCode, error.CSeq).With("Server", "ActorStream"));
                    break;
                case RtspRequest request:
                    Handle(request);
                    break;
            }
        }
    }

    private void Handle(RtspRequest request)
    {
        if (request.Method == "OPTIONS")
        {
            Write(Respond(request, RtspStatus.Ok).WithPublic(Methods));
            return;
        }

        if (Refused.Contains(request.Method))
        {
            Write(Respond(request, RtspStatus.MethodNotAllowed).With("Allow", string.Join(", ", Methods)));
            return;
        }

        if (!Methods.Contains(request.Method))
        {
            Write(Respond(request, RtspStatus.NotImplemented).WithPublic(Methods));
            return;
        }

        if (request.Headers["Require"] is { } required)
        {
            // No option tags are supported (RFC 2326 section 12.32): each is named back as unsupported.
            Write(Respond(request, RtspStatus.OptionNotSupported).With("Unsupported", required));
            return;
        }

        RtspRequestTarget? url = null;
        if (request.Uri != "*" && !RtspRequestTarget.TryParse(request.Uri, out url, out var urlError))
        {
            Write(Refuse(request, RtspStatus.BadRequest, urlError));
            return;
        }

        if (url is not null && StationNames.Problem(url.Station) is { } badName)
        {
            // Not a name any station can have (and never an actor path pattern such as "*").
            Write(Refuse(request, RtspStatus.NotFound, badName));
            return;
        }

        var auth = _access.Check(request.Headers["Authorization"], request.Method, url?.Station, _nonce);
        if (!auth.Accepted)
        {
            // The reason names what failed, never the password; the user name is not logged either.
            if (auth.Outcome != AuthOutcome.Missing)
                _log.LogInformation("RTSP client {Client}: {Method} not authorized: {Reason}", _client, request.Method, auth.Reason);
            Write(Respond(request, RtspStatus.Unauthorized).WithWwwAuthenticate(_access.Challenges(_nonce)));
            return;
        }

        string? sessionId = null;
        if (request.Session is { } sessionText)
        {
            if (!SessionHeader.TryParse(sessionText, out var header, out var sessionError))
            {
                Write(Refuse(request, RtspStatus.BadRequest, sessionError));
                return;
            }

            sessionId = header!.Id;
        }

        switch (request.Method)
        {
            case "DESCRIBE" when url is null:
            case "SETUP" when url is null:
                Write(Refuse(request, RtspStatus.BadRequest, $"{request.Method} needs a station's URL"));
                return;
            case "DESCRIBE":
            case "SETUP" when sessionId is null:
                Resolve(request, url!.Station);
                return;
            case "GET_PARAMETER" or "SET_PARAMETER" when sessionId is null:
                // A keep-alive on the connection itself.
                Write(Respond(request, RtspStatus.Ok));
                return;
            case "PLAY" or "PAUSE" or "TEARDOWN" when sessionId is null:
                Write(Refuse(request, RtspStatus.MethodNotValidInThisState, $"{request.Method} without a session (SETUP first)"));
                return;
            default:
                Wait(request);
                _server.Tell(new ToSession(sessionId!, SessionRequestOf(request, url)));
                return;
        }
    }

    /// <summary>Finds the station's RTP stream and asks it for its description (DESCRIBE, and SETUP for the tracks).</summary>
    private void Resolve(RtspRequest request, string station)
    {
        var op = Wait(request);
        var contentBase = RtspRequestTarget.ContentBase(request.Uri, station);
        var address = _local.Address.IsIPv4MappedToIPv6 ? _local.Address.MapToIPv4() : _local.Address;
        var selection = Context.ActorSelection($"/user/stations/{Uri.EscapeDataString(station)}/rtp");
        selection.ResolveOne(TimeSpan.FromSeconds(5)).ContinueWith(found =>
        {
            if (!found.IsCompletedSuccessfully) return Task.FromResult<object>(new StreamMissing(op, RtspStatus.NotFound));
            var stream = found.Result;
            return stream.Ask<object>(new DescribeRtpStream(contentBase, address.ToString()), RequestTimeout - TimeSpan.FromSeconds(2))
                .ContinueWith(answer => answer.IsCompletedSuccessfully
                    ? answer.Result switch
                    {
                        RtpStreamDescribed described => new StreamFound(op, station, stream, described),
                        _ => (object)new StreamMissing(op, RtspStatus.ServiceUnavailable),
                    }
                    : new StreamMissing(op, RtspStatus.ServiceUnavailable), TaskScheduler.Default);
        }, TaskScheduler.Default).Unwrap().PipeTo(Self);
    }

    private void Described(StreamFound found)
    {
        var request = _inFlight!;
        if (request.Method == "DESCRIBE")
        {
            var response = Respond(request, RtspStatus.Ok)
                .With("Content-Base", RtspRequestTarget.ContentBase(request.Uri, found.Station))
                .WithBody("application/sdp", found.Described.Sdp);
            Finish(response);
            return;
        }

        RtspRequestTarget.TryParse(request.Uri, out var url, out _);
        var setup = SetupRequest.Read(request, url, found.Described);
        if (!setup.Succeeded)
        {
            Finish(Refuse(request, setup.Status, setup.Reason));
            return;
        }

        _server.Tell(new OpenSession(found.Station, found.Stream, found.Described, SessionRequestOf(request, url)));
    }

    private SessionRequest SessionRequestOf(RtspRequest request, RtspRequestTarget? url) =>
        new(_op, request, url, url is null ? request.Uri : RtspRequestTarget.ContentBase(request.Uri, url.Station), Self, _client, _writer);

    private long Wait(RtspRequest request)
    {
        _inFlight = request;
        _op++;
        Timers.StartSingleTimer("request", new RequestTimedOut(_op), RequestTimeout);
        return _op;
    }

    private void Finish(RtspResponse response, bool written = false)
    {
        Timers.Cancel("request");
        _inFlight = null;
        if (!written)
        {
            Write(response);
        }

        Next();
    }

    private RtspResponse Respond(RtspRequest request, int status) => new RtspResponse(status, request.CSeq).With("Server", "ActorStream");

    private RtspResponse Refuse(RtspRequest request, int status, string reason)
    {
        _log.LogInformation("RTSP client {Client}: {Method} refused with {Status}: {Reason}", _client, request.Method, status, reason);
        return Respond(request, status);
    }

    private void Write(RtspResponse response)
    {
        if (!response.Headers.Any(h => h.Key == "Server")) response.With("Server", "ActorStream");
        _writer.Enqueue(response.ToBytes());
    }

    private sealed record BytesRead(byte[] Bytes);

    private sealed record ReadEnded(string? Reason);

    private sealed record WriterEnded
    {
        public static WriterEnded Instance { get; } = new();
    }

    private sealed record IdleCheck
    {
        public static IdleCheck Instance { get; } = new();
    }

    private sealed record RequestTimedOut(long Op);

    private sealed record StreamFound(long Op, string Station, IActorRef Stream, RtpStreamDescribed Described);

    private sealed record StreamMissing(long Op, int Status);
}
