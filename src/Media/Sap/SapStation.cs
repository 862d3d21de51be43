using System.Net;

namespace ActorStream.Media.Sap;

/// <summary>What a station's announcement says: its name, what it carries, where it is sent and with what TTL.</summary>
/// <param name="Name">The station's name (the SDP's s=).</param>
/// <param name="Information">What it carries, e.g. "h264 1280x720 30 fps" (i=); null for none.</param>
/// <param name="Group">Its multicast group and port.</param>
/// <param name="Ttl">The TTL its group is sent with.</param>
public sealed record SapStation(string Name, string? Information, IPEndPoint Group, int Ttl);
