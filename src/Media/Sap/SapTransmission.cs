namespace ActorStream.Media.Sap;

/// <summary>One SAP datagram to send now: a station's announcement or the deletion of one.</summary>
/// <param name="Station">The station it is about.</param>
/// <param name="Packet">The packet, for logs and tests.</param>
/// <param name="Datagram">Its bytes.</param>
/// <param name="Ttl">The station's TTL: an announcement reaches as far as its session (RFC 2974 §3).</param>
public sealed record SapTransmission(string Station, SapPacket Packet, byte[] Datagram, int Ttl);
