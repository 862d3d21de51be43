using System.Globalization;
using System.Text;

namespace ActorStream.Media.Rtsp;

public enum LowerTransport { Udp, Tcp }

/// <summary>
/// One transport-spec of a Transport header (RFC 2326 section 12.39). Profile is e.g. "RTP/AVP"; unicast is
/// assumed when neither unicast nor multicast is given, as clients always say which they want and servers
/// commonly read a bare spec that way (the RFC's nominal default, multicast, is never what such a client means).
/// </summary>
public sealed record RtspTransport
{
    public string Profile { get; init; } = "RTP/AVP";

    public LowerTransport Lower { get; init; } = LowerTransport.Udp;

    public bool Multicast { get; init; }

    public string? Destination { get; init; }

    public string? Source { get; init; }

    public PortPair? ClientPort { get; init; }

    public PortPair? ServerPort { get; init; }

    /// <summary>Multicast RTP/RTCP ports ("port=").</summary>
    public PortPair? Port { get; init; }

    public PortPair? Interleaved { get; init; }

    public int? Ttl { get; init; }

    public uint? Ssrc { get; init; }

    public string? Mode { get; init; }

    /// <summary>The RTP/AVP profile (audio/video, RFC 3551) is the only one this server speaks.</summary>
    public bool IsRtpAvp => Profile == "RTP/AVP";

    public override string ToString()
    {
        var s = new StringBuilder(Profile);
        if (Lower == LowerTransport.Tcp) s.Append("/TCP");
        s.Append(Multicast ? ";multicast" : ";unicast");
        if (Destination is not null) s.Append(";destination=").Append(Destination);
        if (Source is not null) s.Append(";source=").Append(Source);
        if (Interleaved is { } i) s.Append(";interleaved=").Append(i);
        if (Port is { } p) s.Append(";port=").Append(p);
        if (ClientPort is { } c) s.Append(";client_port=").Append(c);
        if (ServerPort is { } sp) s.Append(";server_port=").Append(sp);
        if (Ttl is { } ttl) s.Append(CultureInfo.InvariantCulture, $";ttl={ttl}");
        if (Ssrc is { } ssrc) s.Append(CultureInfo.InvariantCulture, $";ssrc={ssrc:X8}");
        if (Mode is not null) s.Append(";mode=").Append(Mode);
        return s.ToString();
    }
}
