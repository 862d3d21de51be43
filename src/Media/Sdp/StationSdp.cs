using System.Net;
using System.Text;

namespace ActorStream.Media.Sdp;

/// <summary>
/// The session description of a station: its MPEG-TS sent as raw UDP datagrams to its group. The m= line reads
/// <c>m=video PORT udp 33</c>. VLC's SAP module (3.0) turns any <c>udp</c> media line into udp://@GROUP:PORT and
/// ignores the format, so <c>udp mpeg</c> (what VLC itself announces) and <c>udp 33</c> list alike in VLC; ffmpeg
/// reads the format as an RTP payload type, and only 33 (MP2T) makes it demux MPEG-TS (with "mpeg" it expects
/// G.711 audio). So 33 serves both players.
/// </summary>
public static class StationSdp
{
    /// <summary>The m= protocol: raw UDP, no RTP header.</summary>
    public const string Protocol = "udp";

    /// <summary>The m= format: MPEG-TS, RTP/AVP's static payload type 33 (RFC 3551).</summary>
    public const string MpegTsFormat = "33";

    /// <summary>Tool that made the description (a=tool, which VLC shows as the session's tool).</summary>
    public const string Tool = "ActorStream";

    /// <summary>The description of station <paramref name="name"/>.</summary>
    /// <param name="name">The station's name (s=).</param>
    /// <param name="information">What it carries, e.g. "h264 1280x720 30 fps" (i=); null for none.</param>
    /// <param name="group">Its group (or, without multicast, the address it is sent to) and port.</param>
    /// <param name="ttl">The TTL its group is sent with; written only for an IPv4 multicast group.</param>
    /// <param name="origin">This machine's address (o=).</param>
    /// <param name="version">The description's version (o=): larger each time it changes.</param>
    public static SdpSession Describe(string name, string? information, IPEndPoint group, int ttl, IPAddress origin, ulong version)
    {
        ArgumentNullException.ThrowIfNull(group);
        var multicastV4 = group.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && IsMulticast(group.Address);
        return new SdpSession(
            new SdpOrigin("-", SessionId(name), version, origin),
            name,
            information,
            group.Address,
            multicastV4 ? ttl : null,
            new SdpMedia("video", group.Port, Protocol, MpegTsFormat),
            [$"tool:{Tool}", "type:broadcast", "recvonly"]);
    }

    /// <summary>
    /// The o= session id of station <paramref name="name"/>: the same on every run of every seed (FNV-1a of its
    /// UTF-8 name, 63 bits so that it is a positive number everywhere), so a restarted seed announces the same session.
    /// </summary>
    public static ulong SessionId(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        const ulong offsetBasis = 14695981039346656037;
        const ulong prime = 1099511628211;
        var hash = offsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            hash = (hash ^ b) * prime;
        }

        return hash & long.MaxValue;
    }

    private static bool IsMulticast(IPAddress address) => (address.GetAddressBytes()[0] & 0xF0) == 0xE0;
}
