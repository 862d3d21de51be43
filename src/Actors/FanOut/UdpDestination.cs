using ActorStream.Actors.Logging;
using System.Net;
using ActorStream.Media.Transport;
using ActorStream.Messages.FanOut;
using ActorStream.Messages.Pipeline;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorStream.Actors.FanOut;

/// <summary>
/// Sends the stream to one UDP address (unicast, or a multicast group with the URI's TTL) as 7x188-byte
/// datagrams. The socket is non-blocking: when its buffer is full the chunk's rest is dropped and counted,
/// so a send never waits and this destination never holds up another.
/// </summary>
public sealed class UdpDestination : ReceiveActor, IWithTimers
{
    private readonly DestinationUri _uri;
    private readonly FanOutSettings _settings;
    private readonly ILogger _log;
    private UdpDatagramSender? _sender;

    public UdpDestination(DestinationUri uri, FanOutSettings settings)
    {
        _uri = uri;
        _settings = settings;
        _log = Context.System.LoggerFactory().CreateLogger<UdpDestination>();
        Receive<EncodedChunk>(chunk => _sender!.Send(chunk.Data.Span));
        Receive<StatusTick>(_ => Context.Parent.Tell(Status()));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        var options = _settings.Udp with
        {
            Ttl = _uri.Ttl ?? _settings.Udp.Ttl,
            DatagramSize = _uri.PacketSize ?? _settings.Udp.DatagramSize,
            MulticastInterface = _uri.LocalAddress ?? _settings.Udp.MulticastInterface,
        };
        _sender = new UdpDatagramSender(new IPEndPoint(_uri.Address!, _uri.Port), options, _log);
        Context.Parent.Tell(new DestinationStarted(_uri.Name));
        Timers.StartPeriodicTimer("status", StatusTick.Instance, _settings.StatusInterval);
    }

    protected override void PostStop()
    {
        if (_sender is not null)
        {
            _sender.Dispose();
        }
    }

    private DestinationStatus Status()
    {
        var c = _sender?.Counters ?? default;
        return new DestinationStatus(
            _uri.Name, _uri.Canonical, DestinationProps.KindName(_uri.Kind), c.Bytes, c.Datagrams, c.Sends,
            c.DroppedDatagrams, 0, Connected: true, Clients: 0, Restarts: 0);
    }
}
