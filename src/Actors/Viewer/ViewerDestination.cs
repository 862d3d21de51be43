using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ActorStream.Media.Transport;
using ActorStream.Messages.FanOut;
using ActorStream.Messages.Viewer;
using Akka.Actor;

namespace ActorStream.Actors.Viewer;

/// <summary>
/// What a fan-out sender knows of one cluster viewer it sends to: the subscription (who, where, from which
/// node), the UDP destination child that sends, and that child's last figures. Changed only in the fan-out's
/// handlers.
/// </summary>
internal sealed class ViewerDestination
{
    /// <summary>The kind shown in destination lists.</summary>
    public const string KindName = "viewer";

    public const int MaxViewerIdLength = 128;

    private const string NamePrefix = "viewer-";

    public ViewerDestination(SubscribeViewer subscription, DestinationUri uri, string name, IActorRef child)
    {
        ViewerId = subscription.ViewerId;
        Uri = uri;
        Name = name;
        Child = child;
        Receiver = subscription.Receiver;
        NodeAddress = subscription.NodeAddress ?? string.Empty;
        Status = new DestinationStatus(name, uri.Canonical, KindName, 0, 0, 0, 0, 0, true, 0, 0);
    }

    public string ViewerId { get; }

    public DestinationUri Uri { get; }

    /// <summary>The destination's (and its actor's) name: "viewer-" and the sanitized viewer id.</summary>
    public string Name { get; }

    public IActorRef Child { get; }

    public IActorRef Receiver { get; set; }

    public string NodeAddress { get; set; }

    public int Starts { get; set; }

    public int Restarts => Math.Max(0, Starts - 1);

    public DestinationStatus Status { get; private set; }

    /// <summary>Takes the child's own report, which names it as a plain UDP destination, as this viewer's.</summary>
    public void Update(DestinationStatus status) =>
        Status = status with { Name = Name, Kind = KindName, Uri = Uri.Canonical };

    public DestinationStatus Report() => Status with { Restarts = Restarts };

    /// <summary>True when the receiver ref is a real actor worth watching.</summary>
    public static bool IsWatchable(IActorRef? receiver) =>
        receiver is not null && !receiver.Equals(ActorRefs.Nobody);

    /// <summary>"viewer-" and the id with every character an actor name cannot hold replaced by '_'.</summary>
    public static string NameFor(string viewerId)
    {
        var builder = new StringBuilder(NamePrefix, NamePrefix.Length + viewerId.Length);
        foreach (var c in viewerId)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        return builder.ToString();
    }

    /// <summary>Checks a subscription and gives the unicast UDP destination it asks for.</summary>
    public static bool TryValidate(SubscribeViewer subscribe, [NotNullWhen(true)] out DestinationUri? uri, out string error)
    {
        uri = null;
        if (string.IsNullOrWhiteSpace(subscribe.ViewerId) || subscribe.ViewerId.Length > MaxViewerIdLength)
        {
            error = $"the viewer id must be 1 to {MaxViewerIdLength} characters";
            return false;
        }

        if (subscribe.Port is < 1 or > 65535)
        {
            error = $"port {subscribe.Port} is out of range (1-65535)";
            return false;
        }

        if (string.IsNullOrEmpty(subscribe.Host) || !IPAddress.TryParse(subscribe.Host, out var address)
            || (address.AddressFamily == AddressFamily.InterNetwork && subscribe.Host.Count(c => c == '.') != 3))
        {
            error = $"'{subscribe.Host}' is not an IP address; a viewer subscribes with the address the seed sends to";
            return false;
        }

        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || DestinationUri.IsMulticastAddress(address))
        {
            error = $"{address} is not a unicast address a viewer can receive on";
            return false;
        }

        var host = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        return DestinationUri.TryParse($"udp://{host}:{subscribe.Port}", out uri, out error);
    }
}
