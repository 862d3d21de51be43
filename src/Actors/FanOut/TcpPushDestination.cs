using ActorStream.Actors.Logging;
using System.Net;
using System.Net.Sockets;
using ActorStream.Media.Transport;
using ActorStream.Messages.FanOut;
using ActorStream.Messages.Pipeline;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorStream.Actors.FanOut;

/// <summary>
/// Pushes the stream over TCP to a receiver that listens (`ffplay 'tcp://0.0.0.0:port?listen'`). When the
/// receiver goes away it reconnects with exponential backoff, and the stream resumes where live is then;
/// while no receiver is connected, chunks are not kept (live video has no use for them).
/// </summary>
public sealed class TcpPushDestination : ReceiveActor, IWithTimers
{
    private readonly DestinationUri _uri;
    private readonly FanOutSettings _settings;
    private readonly ILogger _log;
    private ChunkWriter? _writer;
    private TimeSpan _backoff;
    private long _bytesBefore;
    private long _writesBefore;
    private long _dropsBefore;
    private int _attempt;

    public TcpPushDestination(DestinationUri uri, FanOutSettings settings)
    {
        _uri = uri;
        _settings = settings;
        _backoff = settings.ReconnectMin;
        _log = Context.System.LoggerFactory().CreateLogger<TcpPushDestination>();
        Disconnected();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        Context.Parent.Tell(new DestinationStarted(_uri.Name));
        Timers.StartPeriodicTimer("status", StatusTick.Instance, _settings.StatusInterval);
        Self.Tell(Reconnect.Instance);
    }

    protected override void PostStop() => CloseWriter();

    private void Disconnected()
    {
        Become(() =>
        {
            Receive<EncodedChunk>(_ => { });
            Receive<Reconnect>(_ => Connect());
            Receive<ConnectResult>(HandleConnectResult);
            Receive<StatusTick>(_ => Context.Parent.Tell(Status()));
        });
    }

    private void Connected()
    {
        Become(() =>
        {
            Receive<EncodedChunk>(chunk => _writer!.Enqueue(chunk.Data));
            Receive<WriterStopped>(stopped =>
            {
                if (stopped.Attempt != _attempt)
                {
                    return; // a writer from an earlier connection
                }

                _log.LogWarning("TCP receiver {Uri} went away ({Reason}); reconnecting in {Backoff}",
                    _uri.Canonical, stopped.Reason ?? "closed", _backoff);
                CloseWriter();
                ScheduleReconnect();
                Disconnected();
            });
            Receive<StableConnection>(stable =>
            {
                if (stable.Attempt == _attempt)
                {
                    _backoff = _settings.ReconnectMin;
                }
            });
            Receive<StatusTick>(_ => Context.Parent.Tell(Status()));
        });
    }

    private void Connect()
    {
        var attempt = ++_attempt;
        var endpoint = new IPEndPoint(_uri.Address!, _uri.Port);
        ConnectAsync(endpoint, _settings.ConnectTimeout)
            .PipeTo(Self, success: socket => new ConnectResult(attempt, socket, null),
                failure: ex => new ConnectResult(attempt, null, ex));
    }

    private static async Task<Socket> ConnectAsync(IPEndPoint endpoint, TimeSpan timeout)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using var cts = new CancellationTokenSource(timeout);
            await socket.ConnectAsync(endpoint, cts.Token).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private void HandleConnectResult(ConnectResult result)
    {
        if (result.Attempt != _attempt)
        {
            result.Socket?.Dispose();
            return;
        }

        if (result.Socket is null)
        {
            _log.LogDebug("TCP receiver {Uri} not reachable ({Reason}); retrying in {Backoff}",
                _uri.Canonical, result.Error?.Message, _backoff);
            ScheduleReconnect();
            return;
        }

        _writer = ChunkWriter.ForSocket(result.Socket, _settings.QueueChunks);
        _log.LogInformation("TCP receiver {Uri} connected", _uri.Canonical);
        var attempt = result.Attempt;
        _writer.Completion.PipeTo(Self, success: () => new WriterStopped(attempt, null),
            failure: ex => new WriterStopped(attempt, ex.GetBaseException().Message));
        // The backoff starts again from its minimum only once a connection has lasted.
        Timers.StartSingleTimer("stable", new StableConnection(attempt), _settings.ReconnectMax);
        Connected();
    }

    private void ScheduleReconnect()
    {
        Timers.StartSingleTimer("reconnect", Reconnect.Instance, _backoff);
        _backoff = TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, _settings.ReconnectMax.Ticks));
    }

    private void CloseWriter()
    {
        if (_writer is null)
        {
            return;
        }

        _bytesBefore += _writer.Bytes;
        _writesBefore += _writer.Writes;
        _dropsBefore += _writer.Drops;
        // Disposal closes the socket; its loop ends on its own, nothing here waits for it.
        _ = _writer.DisposeAsync().AsTask();
        _writer = null;
    }

    private DestinationStatus Status() => new(
        _uri.Name, _uri.Canonical, DestinationProps.KindName(_uri.Kind),
        _bytesBefore + (_writer?.Bytes ?? 0), 0, _writesBefore + (_writer?.Writes ?? 0),
        _dropsBefore + (_writer?.Drops ?? 0), _writer?.QueueDepth ?? 0, Connected: _writer is not null,
        Clients: _writer is null ? 0 : 1, Restarts: 0);

    private sealed record Reconnect
    {
        public static Reconnect Instance { get; } = new();
    }

    private sealed record ConnectResult(int Attempt, Socket? Socket, Exception? Error);

    private sealed record WriterStopped(int Attempt, string? Reason);

    private sealed record StableConnection(int Attempt);
}
