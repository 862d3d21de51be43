using ActorStream.Actors.Viewer;
using ActorStream.Media.Transport;
using ActorStream.Messages.FanOut;
using Akka.Actor;

namespace ActorStream.Actors.FanOut;

/// <summary>
/// What a fan-out knows of one of its destinations, added by command or subscribed by a cluster viewer (then
/// <see cref="Viewer"/> says who): where it sends, its child actor, how often that child started, and the child's
/// last figures. Changed only in the fan-out's handlers.
/// </summary>
internal sealed class DestinationEntry
{
    public DestinationEntry(DestinationUri uri, string name, IActorRef child, SubscribedViewer? viewer = null)
    {
        Uri = uri;
        Name = name;
        Child = child;
        Viewer = viewer;
        Kind = viewer is null ? DestinationProps.KindName(uri.Kind) : SubscribedViewer.KindName;
        // Until the child's first report: no figures, and UDP counts as connected as the child itself reports it.
        var udp = uri.Kind is DestinationKind.UdpUnicast or DestinationKind.UdpMulticast;
        Status = new DestinationStatus(name, uri.Canonical, Kind, 0, 0, 0, 0, 0, udp, 0, 0);
    }

    public DestinationUri Uri { get; }

    /// <summary>The name it is listed and looked up by: the URI's name, or "viewer-" and the viewer id.</summary>
    public string Name { get; }

    /// <summary>udp, multicast, tcp, tcp-listen, or viewer.</summary>
    public string Kind { get; }

    public IActorRef Child { get; }

    /// <summary>The subscribing viewer; null for a destination added by command.</summary>
    public SubscribedViewer? Viewer { get; }

    public int Starts { get; private set; }

    public int Restarts => Math.Max(0, Starts - 1);

    public DestinationStatus Status { get; private set; }

    /// <summary>Counts a start of the child; true when it was a restart.</summary>
    public bool CountStart() => Starts++ > 0;

    /// <summary>
    /// Keeps the child's report under this destination's own name, kind and URI: a viewer's child reports as the
    /// plain UDP destination it is.
    /// </summary>
    public void Update(DestinationStatus status) =>
        Status = status with { Name = Name, Kind = Kind, Uri = Uri.Canonical };

    /// <summary>The last figures with the restarts counted here (a child cannot count its own).</summary>
    public DestinationStatus Report() => Status with { Restarts = Restarts };
}
