using System.Globalization;

namespace ActorStream.Media.Rtsp;

/// <summary>What the server can deliver; Choose picks the client's first alternative within it.</summary>
public sealed record TransportCapabilities(bool Udp, bool Tcp, bool Multicast);

/// <summary>The outcome of choosing a transport: the chosen spec, or the status to answer (461) and why.</summary>
public sealed record TransportChoice(RtspTransport? Chosen, int StatusCode, string Reason)
{
    public bool Succeeded => Chosen is not null;
}

/// <summary>Parses and picks from a Transport header's comma-separated alternatives (RFC 2326 section 12.39).</summary>
public static class TransportHeader
{
    private const int MaxAlternatives = 16;

    /// <summary>All alternatives in the client's order of preference, or false with an error naming the bad part.</summary>
    public static bool TryParse(string? value, out IReadOnlyList<RtspTransport> alternatives, out string error)
    {
        alternatives = [];
        if (string.IsNullOrWhiteSpace(value)) { error = "Transport header is empty"; return false; }
        var specs = value.Split(',');
        if (specs.Length > MaxAlternatives) { error = $"Transport header has more than {MaxAlternatives} alternatives"; return false; }
        var list = new List<RtspTransport>();
        foreach (var spec in specs)
        {
            if (!TryParseSpec(spec.Trim(), out var transport, out error)) return false;
            list.Add(transport!);
        }
        alternatives = list;
        error = "";
        return true;
    }

    /// <summary>The first alternative the server supports, or 461 Unsupported Transport.</summary>
    public static TransportChoice Choose(IReadOnlyList<RtspTransport> alternatives, TransportCapabilities server)
    {
        foreach (var t in alternatives)
        {
            if (!t.IsRtpAvp) continue;
            if (t.Multicast) { if (server.Multicast && t.Lower == LowerTransport.Udp) return new(t, RtspStatus.Ok, "OK"); continue; }
            if (t.Lower == LowerTransport.Tcp && server.Tcp) return new(t, RtspStatus.Ok, "OK");
            // Unicast UDP needs to know where to send: the client's ports.
            if (t.Lower == LowerTransport.Udp && server.Udp && t.ClientPort is not null) return new(t, RtspStatus.Ok, "OK");
        }
        return new(null, RtspStatus.UnsupportedTransport, "None of the offered transports is supported");
    }

    private static bool TryParseSpec(string spec, out RtspTransport? transport, out string error)
    {
        transport = null;
        var parts = spec.Split(';');
        var protocol = parts[0].Trim().Split('/');
        if (protocol.Length is < 2 or > 3 || protocol.Any(p => !RtspRequestParser.IsToken(p)))
        { error = $"Transport '{Shorten(parts[0])}' is not protocol/profile[/lower-transport]"; return false; }
        var t = new RtspTransport { Profile = protocol[0].ToUpperInvariant() + "/" + protocol[1].ToUpperInvariant() };
        if (protocol.Length == 3)
        {
            switch (protocol[2].ToUpperInvariant())
            {
                case "UDP": t = t with { Lower = LowerTransport.Udp }; break;
                case "TCP": t = t with { Lower = LowerTransport.Tcp }; break;
                default: error = $"Lower transport '{Shorten(protocol[2])}' is neither UDP nor TCP"; return false;
            }
        }
        foreach (var raw in parts.Skip(1))
        {
            var p = raw.Trim();
            if (p.Length == 0) continue;
            var eq = p.IndexOf('=');
            var name = (eq < 0 ? p : p[..eq]).ToLowerInvariant();
            var val = eq < 0 ? "" : p[(eq + 1)..].Trim('"');
            switch (name)
            {
                case "unicast": t = t with { Multicast = false }; break;
                case "multicast": t = t with { Multicast = true }; break;
                case "client_port" when PortPair.TryParse(val, 65535, out var cp): t = t with { ClientPort = cp }; break;
                case "server_port" when PortPair.TryParse(val, 65535, out var sp): t = t with { ServerPort = sp }; break;
                case "port" when PortPair.TryParse(val, 65535, out var mp): t = t with { Port = mp }; break;
                case "interleaved" when PortPair.TryParse(val, 255, out var ch): t = t with { Interleaved = ch }; break;
                case "ttl" when val.Length is > 0 and <= 3 && val.All(char.IsAsciiDigit) && int.Parse(val, CultureInfo.InvariantCulture) <= 255:
                    t = t with { Ttl = int.Parse(val, CultureInfo.InvariantCulture) }; break;
                case "ssrc" when val.Length is > 0 and <= 8 && uint.TryParse(val, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var ssrc):
                    t = t with { Ssrc = ssrc }; break;
                case "destination" when eq < 0 || IsHost(val): t = t with { Destination = eq < 0 ? null : val }; break;
                case "source" when IsHost(val): t = t with { Source = val }; break;
                case "mode" when val.Length > 0 && val.Split(',').All(m => RtspRequestParser.IsToken(m.Trim())): t = t with { Mode = val }; break;
                case "client_port" or "server_port" or "port" or "interleaved" or "ttl" or "ssrc" or "destination" or "source" or "mode":
                    error = $"Transport parameter {name} has a bad value '{Shorten(val)}'"; return false;
                default:
                    // Unknown parameters (append, layers, ...) are ignored, as RFC 2326 asks of extensions.
                    if (!RtspRequestParser.IsToken(name)) { error = $"Transport parameter '{Shorten(name)}' is not a token"; return false; }
                    break;
            }
        }
        transport = t;
        error = "";
        return true;
    }

    private static bool IsHost(string s) => s.Length is > 0 and <= 255 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or ':' or '-' or '[' or ']');

    private static string Shorten(string s) => s.Length > 32 ? s[..32] + "..." : s;
}
