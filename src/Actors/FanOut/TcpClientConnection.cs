using System.Net.Sockets;
using ActorStream.Media.Transport;
using ActorStream.Messages.FanOut;
using ActorStream.Messages.Pipeline;
using Akka.Actor;

namespace ActorStream.Actors.FanOut;

/// <summary>
/// One client connected to a <see cref="TcpListenDestination"/>: its own bounded queue and writer, so a slow
/// client drops its own oldest chunks. When the client goes away the actor stops itself.
/// </summary>
public sealed class TcpClientConnection : ReceiveActor, IWithTimers
{
    private readonly FanOutSettings _settings;
    private readonly string _name;
    private readonly string _remote;
    private readonly ChunkWriter _writer;

    public TcpClientConnection(Socket socket, FanOutSettings settings, string name)
    {
        _settings = settings;
        _name = name;
        _remote = socket.RemoteEndPoint?.ToString() ?? "?";
        _writer = ChunkWriter.ForSocket(socket, settings.QueueChunks);
        Receive<EncodedChunk>(chunk => _writer.Enqueue(chunk.Data));
        Receive<ClientGone>(_ => Context.Stop(Self));
        Receive<StatusTick>(_ => Context.Parent.Tell(Status()));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer("status", StatusTick.Instance, _settings.StatusInterval);
        _writer.Completion.PipeTo(Self, success: () => ClientGone.Instance, failure: _ => ClientGone.Instance);
    }

    protected override void PostStop() => _ = _writer.DisposeAsync().AsTask();

    private DestinationStatus Status() => new(_name, _remote, "tcp-client", _writer.Bytes, 0, _writer.Writes,
        _writer.Drops, _writer.QueueDepth, Connected: true, Clients: 1, Restarts: 0);

    private sealed record ClientGone
    {
        public static ClientGone Instance { get; } = new();
    }
}
