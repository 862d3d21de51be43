using System.Threading.Channels;
using ActorStream.Media.MpegTs;
using ActorStream.Messages.FanOut;
using ActorStream.Messages.Metrics;
using ActorStream.Messages.Pipeline;
using Akka.Actor;

namespace ActorStream.Actors.FanOut;

/// <summary>
/// A fan-out child ("web-ID") that hands the station's stream to a reader in this process (a browser's WebSocket) through
/// a bounded channel, from a keyframe on (<see cref="StreamJoinPoint"/>), with the stream's clock reports. It never
/// waits: when the reader has fallen so far behind that the channel is full, the chunk is dropped (counted) and the
/// sink waits for the next keyframe, so the reader gets a clean restart rather than a stream with holes. The channel is
/// completed when the sink stops.
/// </summary>
public sealed class StreamSinkDestination : ReceiveActor, IWithTimers
{
    /// <summary>The kind the destination list shows.</summary>
    public const string KindName = "browser";

    private readonly string _name;
    private readonly ChannelWriter<StreamSinkItem> _writer;
    private readonly FanOutSettings _settings;
    private readonly StreamJoinPoint _join = new();
    private long _bytes;
    private long _writes;
    private long _drops;

    public StreamSinkDestination(string name, ChannelWriter<StreamSinkItem> writer, FanOutSettings settings)
    {
        _name = name;
        _writer = writer;
        _settings = settings;
        Receive<EncodedChunk>(HandleChunk);
        Receive<StreamClockReport>(report => _writer.TryWrite(new StreamSinkItem(ReadOnlyMemory<byte>.Empty, report)));
        Receive<StatusTick>(_ => Context.Parent.Tell(Status()));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The URI the destination list shows for a sink.</summary>
    public static string UriOf(string id) => $"web:{id}";

    public static Props Props(string name, ChannelWriter<StreamSinkItem> writer, FanOutSettings settings) =>
        Akka.Actor.Props.Create(() => new StreamSinkDestination(name, writer, settings));

    protected override void PreStart()
    {
        Context.Parent.Tell(new DestinationStarted(_name));
        Timers.StartPeriodicTimer("status", StatusTick.Instance, _settings.StatusInterval);
    }

    protected override void PostStop() => _writer.TryComplete();

    // A restart keeps the reader's channel open (PostStop would complete it).
    protected override void PreRestart(Exception reason, object message)
    {
    }

    private void HandleChunk(EncodedChunk chunk)
    {
        if (_join.Feed(chunk.Data) is not { } data)
        {
            return;
        }

        if (!_writer.TryWrite(new StreamSinkItem(data, null)))
        {
            _drops++;
            _join.Reset();
            return;
        }

        _bytes += data.Length;
        _writes++;
    }

    private DestinationStatus Status() =>
        new(_name, UriOf(_name["web-".Length..]), KindName, _bytes, 0, _writes, _drops, 0, Connected: true, Clients: 1, Restarts: 0);
}
