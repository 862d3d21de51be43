using System.Globalization;
using System.Net;
using System.Text;

namespace ActorStream.Media.Sdp;

/// <summary>
/// A session description (RFC 8866) of one media stream sent to one address: what ActorStream announces for a
/// station, and what <see cref="SdpParser"/> reads back. Only the fields ActorStream writes are modelled; the parser
/// keeps every attribute line.
/// </summary>
/// <param name="Origin">The o= line.</param>
/// <param name="Name">The s= line: the station's name.</param>
/// <param name="Information">The i= line (what the stream carries); null for none.</param>
/// <param name="ConnectionAddress">The c= address the stream is sent to.</param>
/// <param name="Ttl">The c= TTL, written for an IPv4 multicast address only (RFC 8866 §5.7); null otherwise.</param>
/// <param name="Media">The m= line.</param>
/// <param name="Attributes">The a= lines in order, without "a=" ("tool:ActorStream", "recvonly" ...).</param>
public sealed record SdpSession(
    SdpOrigin Origin,
    string Name,
    string? Information,
    IPAddress ConnectionAddress,
    int? Ttl,
    SdpMedia Media,
    IReadOnlyList<string> Attributes)
{
    /// <summary>The value of the first a=<paramref name="name"/>:value attribute; null when there is none.</summary>
    public string? Attribute(string name)
    {
        var prefix = name + ":";
        return Attributes.FirstOrDefault(a => a.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];
    }

    /// <summary>True when the description has the value-less attribute a=<paramref name="flag"/>.</summary>
    public bool HasFlag(string flag) => Attributes.Contains(flag, StringComparer.Ordinal);

    /// <summary>Where the media goes: the c= address and the m= port.</summary>
    public IPEndPoint Destination => new(ConnectionAddress, Media.Port);

    /// <summary>
    /// The description as text, lines in the order RFC 8866 §5 requires (v o s i c t a m), each ended by CRLF.
    /// </summary>
    /// <exception cref="ArgumentException">A field would break the text: a line break in it, an empty name, or a
    /// TTL out of 0..255.</exception>
    public string ToText()
    {
        var text = new StringBuilder();
        var addressType = AddressType(ConnectionAddress);
        Line(text, 'v', "0");
        Line(text, 'o', SdpLines.Origin(Origin));
        // RFC 8866 §5.3: s= must not be empty; a single space stands for "no name".
        Line(text, 's', string.IsNullOrEmpty(Name) ? throw new ArgumentException("An SDP session needs a name.") : Text(Name, "s="));
        if (Information is not null)
        {
            Line(text, 'i', Text(Information, "i="));
        }

        var connection = $"IN {addressType} {ConnectionAddress}";
        if (Ttl is { } ttl)
        {
            connection += ttl is >= 0 and <= 255
                ? string.Create(CultureInfo.InvariantCulture, $"/{ttl}")
                : throw new ArgumentException($"A multicast TTL must be 0..255, got {ttl}.");
        }

        Line(text, 'c', connection);
        // t=0 0: a permanent session, as a live station is (RFC 8866 §5.9).
        Line(text, 't', "0 0");
        foreach (var attribute in Attributes)
        {
            Line(text, 'a', Text(attribute, "a="));
        }

        Line(text, 'm', string.Create(CultureInfo.InvariantCulture,
            $"{Token(Media.Type, "m= media")} {Media.Port} {Token(Media.Protocol, "m= proto")} {Token(Media.Format, "m= fmt")}"));
        return text.ToString();
    }

    private static void Line(StringBuilder text, char type, string value) => SdpLines.Line(text, type, value);

    private static string AddressType(IPAddress address) => SdpLines.AddressType(address);

    private static string Text(string value, string field) => SdpLines.Text(value, field);

    private static string Token(string value, string field) => SdpLines.Token(value, field);
}
