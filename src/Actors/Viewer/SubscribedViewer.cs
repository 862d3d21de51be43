using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ActorStream.Media.Transport;
using ActorStream.Messages.Viewer;
using Akka.Actor;

namespace ActorStream.Actors.Viewer;

/// <summary>
/// The viewer part of a fan-out destination that a cluster viewer subscribed: who it is, which receiver actor to
/// watch and hand the stream clock to, and which node it runs on (its destinations go when that node does).
/// Changed only in the fan-out's handlers. Also how a subscription is checked and what its destination is named.
/// </summary>
internal sealed class SubscribedViewer(SubscribeViewer subscription)
{
    /// <summary>The kind shown in destination lists.</summary>
    public const string KindName = "viewer";

    public const int MaxViewerIdLength = 128;

    private const string NamePrefix = "viewer-";

    public string ViewerId { get; } = subscription.ViewerId;

    /// <summary>The receiver actor that subscribed; a repeated subscription may come from a new one.</summary>
    public IActorRef Receiver { get; set; } = subscription.Receiver;

    public string NodeAddress { get; set; } = subscription.NodeAddress ?? string.Empty;

    /// <summary>The node's incarnation; 0 when the subscription did not say.</summary>
    public long NodeUid { get; set; } = subscription.NodeUid;

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

    /// <summary>Checks a subscription's viewer id: all a multicast listener needs (it is sent nothing of its own).</summary>
    public static bool TryValidateId(SubscribeViewer subscribe, out string error)
    {
        if (string.IsNullOrWhiteSpace(subscribe.ViewerId) || subscribe.ViewerId.Length > MaxViewerIdLength)
        {
            error = $"the viewer id must be 1 to {MaxViewerIdLength} characters";
            return false;
        }

        error = string.Empty;
        return true;
    }

    /// <summary>Checks a subscription and gives the unicast UDP destination it asks for.</summary>
    public static bool TryValidate(SubscribeViewer subscribe, [NotNullWhen(true)] out DestinationUri? uri, out string error)
    {
        uri = null;
        if (!TryValidateId(subscribe, out error))
        {
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
