using System.Net;

namespace ActorStream.Media.Sap;

/// <summary>Where SAP announcements are sent (RFC 2974 §3): a well-known group per multicast scope, one port.</summary>
public static class SapAddresses
{
    /// <summary>The SAP port for every scope.</summary>
    public const int Port = 9875;

    /// <summary>The global-scope group, 224.2.127.254: VLC's SAP discovery listens here (and on the others below).</summary>
    public static IPAddress Global { get; } = IPAddress.Parse("224.2.127.254");

    /// <summary>The group of the administratively scoped range 239.255.0.0/16 (the "local scope" of RFC 2365),
    /// the highest address of the scope: 239.255.255.255.</summary>
    public static IPAddress AdminLocalScope { get; } = IPAddress.Parse("239.255.255.255");
}
