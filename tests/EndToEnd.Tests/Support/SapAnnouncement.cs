using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text;

namespace ActorStream.EndToEnd.Tests.Support;

/// <summary>
/// One SAP packet (RFC 2974) as a receiver reads it, parsed here from the bytes on the wire rather than with the
/// project's own code, so the test checks what VLC would get: the header, the payload type, and the SDP (RFC 8866)
/// lines that name the session, its connection address and its media port.
/// </summary>
/// <param name="Deletion">T bit: the session is withdrawn (otherwise announced).</param>
/// <param name="MessageIdHash">Identifies the announcement (with the origin); changes when the SDP does.</param>
/// <param name="Origin">The originating source, IPv4.</param>
/// <param name="PayloadType">"application/sdp" (the field may be left out, which means the same).</param>
/// <param name="Sdp">The SDP text.</param>
public sealed record SapAnnouncement(bool Deletion, ushort MessageIdHash, IPAddress Origin, string PayloadType, string Sdp)
{
    public const string SdpType = "application/sdp";

    /// <summary>The session name (s=).</summary>
    public string? SessionName => Line('s');

    /// <summary>The connection address of the session or of its first medium (c=IN IP4 ADDRESS[/TTL]), without the TTL.</summary>
    public string? ConnectionAddress => Line('c') is { } c && c.Split(' ') is ["IN", "IP4", var address] ? address.Split('/')[0] : null;

    /// <summary>The TTL of c= (IPv4 multicast addresses carry one: ADDRESS/TTL), or null.</summary>
    public int? ConnectionTtl => Line('c') is { } c && c.Split(' ') is ["IN", "IP4", var address] && address.Split('/') is [_, var ttl, ..]
        ? int.Parse(ttl, CultureInfo.InvariantCulture)
        : null;

    /// <summary>The first medium's line (m=MEDIA PORT PROTO FORMATS).</summary>
    public string? Media => Line('m');

    /// <summary>The first medium's port.</summary>
    public int? MediaPort => Media?.Split(' ') is [_, var port, ..] ? int.Parse(port, CultureInfo.InvariantCulture) : null;

    /// <summary>Parses one SAP datagram; throws FormatException naming what is wrong.</summary>
    public static SapAnnouncement Parse(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < 8)
        {
            throw new FormatException($"a SAP packet has at least 8 bytes, got {packet.Length}");
        }

        var flags = packet[0];
        var version = flags >> 5;
        var ipv6 = (flags & 0x10) != 0;
        var deletion = (flags & 0x04) != 0;
        var encrypted = (flags & 0x02) != 0;
        var compressed = (flags & 0x01) != 0;
        if (version != 1)
        {
            throw new FormatException($"SAP version {version}, expected 1");
        }

        if (ipv6 || encrypted || compressed)
        {
            throw new FormatException($"an IPv4, plain, uncompressed announcement was expected (flags 0x{flags:x2})");
        }

        var authenticationLength = packet[1] * 4;
        var hash = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        var origin = new IPAddress(packet.Slice(4, 4));
        var rest = packet[(8 + authenticationLength)..];
        var text = Encoding.UTF8.GetString(rest);
        var payloadType = SdpType;
        // The payload type is a MIME type ended by NUL; an SDP starts "v=0" directly when the field is left out.
        if (!text.StartsWith("v=0", StringComparison.Ordinal))
        {
            var nul = text.IndexOf('\0', StringComparison.Ordinal);
            if (nul < 0)
            {
                throw new FormatException($"neither an SDP nor a NUL-ended payload type: {text[..Math.Min(text.Length, 40)]}");
            }

            payloadType = text[..nul];
            text = text[(nul + 1)..];
        }

        return new SapAnnouncement(deletion, hash, origin, payloadType, text);
    }

    /// <summary>The lines of the SDP; RFC 8866 ends them CRLF, which this checks (a bare LF is a fault VLC tolerates).</summary>
    public IReadOnlyList<string> SdpLines => Sdp.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The value of the first "X=" line.</summary>
    public string? Line(char type) =>
        SdpLines.FirstOrDefault(l => l.Length >= 2 && l[0] == type && l[1] == '=') is { } line ? line[2..] : null;

    public override string ToString() =>
        $"SAP {(Deletion ? "deletion" : "announcement")} 0x{MessageIdHash:x4} from {Origin} ({PayloadType}): {Sdp.Replace("\r\n", " | ", StringComparison.Ordinal)}";
}
