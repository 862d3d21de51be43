using ActorStream.Media.Transport;
using Akka.Actor;

namespace ActorStream.Actors.FanOut;

/// <summary>Which actor serves which kind of destination URI.</summary>
public static class DestinationProps
{
    public static Props For(DestinationUri uri, FanOutSettings settings) => uri.Kind switch
    {
        DestinationKind.UdpUnicast or DestinationKind.UdpMulticast =>
            Props.Create(() => new UdpDestination(uri, settings)),
        DestinationKind.TcpPush => Props.Create(() => new TcpPushDestination(uri, settings)),
        DestinationKind.TcpListen => Props.Create(() => new TcpListenDestination(uri, settings)),
        _ => throw new ArgumentOutOfRangeException(nameof(uri), uri.Kind, "unknown destination kind"),
    };

    /// <summary>The short kind name shown in lists: udp, multicast, tcp, tcp-listen.</summary>
    public static string KindName(DestinationKind kind) => kind switch
    {
        DestinationKind.UdpUnicast => "udp",
        DestinationKind.UdpMulticast => "multicast",
        DestinationKind.TcpPush => "tcp",
        DestinationKind.TcpListen => "tcp-listen",
        _ => kind.ToString(),
    };
}
