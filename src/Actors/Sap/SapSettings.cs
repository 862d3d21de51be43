using System.Net;
using ActorStream.Media.Sap;

namespace ActorStream.Actors.Sap;

/// <summary>The seed's SAP announcer (actorstream.sap): where its announcements go, how often, how far.</summary>
public sealed record SapSettings
{
    /// <summary>Announce at all.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The SAP group (or, for tests on loopback, a unicast address) announcements are sent to.</summary>
    public IPAddress Address { get; init; } = SapAddresses.Global;

    /// <summary>The UDP port they are sent to.</summary>
    public int Port { get; init; } = SapAddresses.Port;

    /// <summary>The shortest time between rounds; more announcements than the SAP bandwidth limit allows stretch it
    /// (<see cref="SapInterval"/>).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The TTL of every announcement; null sends each with its station's TTL, so it reaches as far as the
    /// station's stream does (RFC 2974 §3).</summary>
    public int? Ttl { get; init; }

    /// <summary>The address of the interface multicast announcements leave by; null lets the routing table choose.</summary>
    public IPAddress? Interface { get; init; }

    /// <summary>Where announcements are sent.</summary>
    public IPEndPoint Destination => new(Address, Port);
}
