using ActorStream.Actors.Logging;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ActorStream.Media.Transport;
using ActorStream.Messages.FanOut;
using ActorStream.Messages.Pipeline;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorStream.Actors.FanOut;

/// <summary>
/// A plain TCP listener on the seed (`tcp-listen://0.0.0.0:port`): any number of clients connect and each gets
/// the stream from the moment it connects (`ffplay tcp://seed:port`). Every connection is a child actor of
/// its own, so a client that reads slowly or vanishes affects no one else.
/// </summary>
public sealed class TcpListenDestination : ReceiveActor, IWithTimers
{
    private readonly DestinationUri _uri;
    private readonly FanOutSettings _settings;
    private readonly ILogger _log;
    private readonly Dictionary<IActorRef, DestinationStatus> _clients = new();
    private readonly CancellationTokenSource _stop = new();
    private Socket? _listener;
    private IActorRef[] _clientRefs = [];
    private long _accepted;
    private long _bytesOfGone;
    private long _writesOfGone;
    private long _dropsOfGone;

    public TcpListenDestination(DestinationUri uri, FanOutSettings settings)
    {
        _uri = uri;
        _settings = settings;
        _log = Context.System.LoggerFactory().CreateLogger<TcpListenDestination>();

        Receive<EncodedChunk>(chunk =>
        {
            foreach (var client in _clientRefs)
            {
                client.Tell(chunk, ActorRefs.NoSender);
            }
        });
        Receive<ClientAccepted>(accepted =>
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"client-{++_accepted}");
            var client = Context.ActorOf(
                Props.Create(() => new TcpClientConnection(accepted.Socket, _settings, name)), name);
            Context.Watch(client);
            _clients[client] = new DestinationStatus(name, accepted.Remote, "tcp-client", 0, 0, 0, 0, 0, true, 1, 0);
            _clientRefs = _clients.Keys.ToArray();
            _log.LogInformation("TCP client {Remote} connected to {Uri}", accepted.Remote, _uri.Canonical);
        });
        Receive<AcceptFailed>(failed => throw new IOException($"Listening on {_uri.Canonical} failed: {failed.Reason}"));
        Receive<DestinationStatus>(status =>
        {
            if (_clients.ContainsKey(Sender))
            {
                _clients[Sender] = status;
            }
        });
        Receive<Terminated>(terminated =>
        {
            if (_clients.Remove(terminated.ActorRef, out var last))
            {
                _bytesOfGone += last.Bytes;
                _writesOfGone += last.SendCalls;
                _dropsOfGone += last.Drops;
                _clientRefs = _clients.Keys.ToArray();
                _log.LogInformation("TCP client {Remote} of {Uri} left", last.Uri, _uri.Canonical);
            }
        });
        Receive<StatusTick>(_ => Context.Parent.Tell(Status()));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>
    /// Checks that the address can be listened on now, so that a port in use is refused to whoever added the
    /// destination instead of failing later inside the actor. Returns null when it can, else the reason.
    /// </summary>
    public static string? CheckCanListen(IPEndPoint endpoint)
    {
        try
        {
            using var probe = Bind(endpoint);
            return null;
        }
        catch (SocketException ex)
        {
            return $"cannot listen on {endpoint}: {ex.Message}";
        }
    }

    protected override void PreStart()
    {
        var endpoint = new IPEndPoint(_uri.Address!, _uri.Port);
        _listener = Bind(endpoint);
        _log.LogInformation("Listening for TCP clients on {Endpoint}", endpoint);
        Context.Parent.Tell(new DestinationStarted(_uri.Name));
        Timers.StartPeriodicTimer("status", StatusTick.Instance, _settings.StatusInterval);
        _ = AcceptLoopAsync(_listener, Self, _stop.Token);
    }

    protected override void PostStop()
    {
        _stop.Cancel();
        _listener?.Dispose();
        _stop.Dispose();
    }

    private static Socket Bind(IPEndPoint endpoint)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // A restarted seed can bind again at once even while old connections linger in TIME_WAIT.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(endpoint);
            socket.Listen(64);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task AcceptLoopAsync(Socket listener, IActorRef self, CancellationToken token)
    {
        try
        {
            while (!token.IsCancellationRequested)
            {
                var socket = await listener.AcceptAsync(token).ConfigureAwait(false);
                self.Tell(new ClientAccepted(socket, socket.RemoteEndPoint?.ToString() ?? "?"));
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

    private DestinationStatus Status()
    {
        long bytes = _bytesOfGone, writes = _writesOfGone, drops = _dropsOfGone;
        var depth = 0;
        foreach (var s in _clients.Values)
        {
            bytes += s.Bytes;
            writes += s.SendCalls;
            drops += s.Drops;
            depth = Math.Max(depth, s.QueueDepth);
        }

        return new DestinationStatus(_uri.Name, _uri.Canonical, DestinationProps.KindName(_uri.Kind), bytes, 0, writes,
            drops, depth, Connected: _clients.Count > 0, Clients: _clients.Count, Restarts: 0);
    }

    private sealed record ClientAccepted(Socket Socket, string Remote);

    private sealed record AcceptFailed(string Reason);
}
