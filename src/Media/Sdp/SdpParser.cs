using System.Globalization;
using System.Net;

namespace ActorStream.Media.Sdp;

/// <summary>
/// Reads a session description (RFC 8866) of one media stream: the o=, s=, i=, c=, m= and a= lines, enough for
/// tests and viewers to learn a station's name and where its stream goes. Lines may end in CRLF or LF. Of several
/// m= sections only the first counts; a c= line in it wins over the session's.
/// </summary>
public static class SdpParser
{
    /// <exception cref="FormatException">The text is no SDP, or a line this parser needs is missing or malformed;
    /// the message names the line.</exception>
    public static SdpSession Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0 || lines[0] != "v=0")
        {
            throw new FormatException($"SDP must start with the line v=0, got '{(lines.Count == 0 ? "" : Shorten(lines[0]))}'.");
        }

        SdpOrigin? origin = null;
        string? name = null;
        string? information = null;
        (IPAddress Address, int? Ttl)? sessionConnection = null;
        (IPAddress Address, int? Ttl)? mediaConnection = null;
        SdpMedia? media = null;
        var mediaSections = 0;
        var attributes = new List<string>();
        foreach (var line in lines.Skip(1))
        {
            if (line.Length < 2 || line[1] != '=' || !char.IsAsciiLetterLower(line[0]))
            {
                throw new FormatException($"SDP line '{Shorten(line)}' is not of the form <letter>=<value>.");
            }

            var value = line[2..];
            switch (line[0])
            {
                case 'o' when mediaSections == 0:
                    origin = ParseOrigin(value);
                    break;
                case 's' when mediaSections == 0:
                    name = value;
                    break;
                case 'i' when mediaSections == 0:
                    information = value;
                    break;
                case 'c' when mediaSections == 0:
                    sessionConnection = ParseConnection(value);
                    break;
                case 'c' when mediaSections == 1:
                    mediaConnection = ParseConnection(value);
                    break;
                case 'm':
                    mediaSections++;
                    media ??= ParseMedia(value);
                    break;
                case 'a' when mediaSections <= 1:
                    attributes.Add(value);
                    break;
            }
        }

        var connection = mediaConnection ?? sessionConnection
            ?? throw new FormatException("SDP has no c= line: it does not say where the stream is sent.");
        return new SdpSession(
            origin ?? throw new FormatException("SDP has no o= line."),
            name ?? throw new FormatException("SDP has no s= line: the session has no name."),
            information,
            connection.Address,
            connection.Ttl,
            media ?? throw new FormatException("SDP has no m= line: it describes no stream."),
            attributes);
    }

    /// <summary>
    /// Reads every m= section of a description with their own a= lines, as an RTSP client needs them (a video and an
    /// audio track, each with its control URL, rtpmap and fmtp). No c= line is required: over RTSP the transport
    /// comes from SETUP.
    /// </summary>
    /// <exception cref="FormatException">The text is no SDP, or an m= line is malformed; the message names the line.</exception>
    public static SdpSessionSections ParseSections(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0 || lines[0] != "v=0")
        {
            throw new FormatException($"SDP must start with the line v=0, got '{(lines.Count == 0 ? "" : Shorten(lines[0]))}'.");
        }

        var name = "";
        var sessionAttributes = new List<string>();
        var media = new List<SdpMediaSection>();
        List<string>? current = null;
        foreach (var line in lines.Skip(1))
        {
            if (line.Length < 2 || line[1] != '=' || !char.IsAsciiLetterLower(line[0]))
            {
                throw new FormatException($"SDP line '{Shorten(line)}' is not of the form <letter>=<value>.");
            }

            var value = line[2..];
            switch (line[0])
            {
                case 's' when current is null:
                    name = value;
                    break;
                case 'm':
                    var m = ParseMedia(value);
                    current = [];
                    var formats = value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(3).ToList();
                    media.Add(new SdpMediaSection(m.Type, m.Port, m.Protocol, formats, current));
                    break;
                case 'a':
                    (current ?? sessionAttributes).Add(value);
                    break;
            }
        }

        return new SdpSessionSections(name, sessionAttributes, media);
    }

    private static SdpOrigin ParseOrigin(string value)
    {
        // o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>
        var fields = value.Split(' ');
        if (fields.Length != 6
            || !ulong.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || !ulong.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new FormatException($"SDP o= line '{Shorten(value)}' is not '<user> <id> <version> IN IP4|IP6 <address>'.");
        }

        CheckNetwork(fields[3], fields[4], "o=");
        // The origin may be a host name (RFC 8866 §5.2); only an address is kept, so a name reads as "none".
        return new SdpOrigin(fields[0], id, version, IPAddress.TryParse(fields[5], out var address) ? address : IPAddress.None);
    }

    private static (IPAddress Address, int? Ttl) ParseConnection(string value)
    {
        // c=<nettype> <addrtype> <connection-address>, the address IPv4 multicast as ADDRESS/TTL[/COUNT].
        var fields = value.Split(' ');
        if (fields.Length != 3)
        {
            throw new FormatException($"SDP c= line '{Shorten(value)}' is not 'IN IP4|IP6 <address>[/<ttl>]'.");
        }

        CheckNetwork(fields[0], fields[1], "c=");
        var parts = fields[2].Split('/');
        if (!IPAddress.TryParse(parts[0], out var address))
        {
            throw new FormatException($"SDP c= address '{Shorten(parts[0])}' is not an IP address.");
        }

        int? ttl = null;
        if (parts.Length > 1 && fields[1] == "IP4")
        {
            ttl = int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t <= 255
                ? t
                : throw new FormatException($"SDP c= TTL '{Shorten(parts[1])}' is not a number 0..255.");
        }

        return (address, ttl);
    }

    private static SdpMedia ParseMedia(string value)
    {
        // m=<media> <port>[/<number of ports>] <proto> <fmt> ...
        var fields = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 4)
        {
            throw new FormatException($"SDP m= line '{Shorten(value)}' is not '<media> <port> <proto> <fmt>'.");
        }

        var port = fields[1].Split('/')[0];
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > 65535)
        {
            throw new FormatException($"SDP m= port '{Shorten(fields[1])}' is not a port number 0..65535.");
        }

        return new SdpMedia(fields[0], number, fields[2], fields[3]);
    }

    private static void CheckNetwork(string network, string addressType, string line)
    {
        if (network != "IN" || addressType is not ("IP4" or "IP6"))
        {
            throw new FormatException($"SDP {line} network '{Shorten(network)} {Shorten(addressType)}' is not 'IN IP4' or 'IN IP6'.");
        }
    }

    /// <summary>Malformed input is quoted in errors, but never at length.</summary>
    private static string Shorten(string value) => value.Length <= 80 ? value : value[..77] + "...";
}
