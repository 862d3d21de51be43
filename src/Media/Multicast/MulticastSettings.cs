using System.Net;

namespace ActorStream.Media.Multicast;

/// <summary>How stations send to their multicast groups (actorstream.multicast in reference.conf).</summary>
public sealed record MulticastSettings
{
    /// <summary>Where groups not given by name come from.</summary>
    public MulticastRange Range { get; init; } = MulticastRange.Parse("239.255.0.0/16");

    /// <summary>The UDP port of every allocated group.</summary>
    public int Port { get; init; } = 5004;

    /// <summary>Multicast TTL: 1 stays on the local network segment.</summary>
    public int Ttl { get; init; } = 1;

    /// <summary>The local IPv4 interface address groups are sent from; null lets the routing table decide.</summary>
    public IPAddress? Interface { get; init; }
}
