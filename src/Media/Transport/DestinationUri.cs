using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ActorStream.Media.Transport;

/// <summary>
/// A destination in ffmpeg's URL convention: <c>udp://host:port[?ttl=N&amp;pkt_size=1316&amp;localaddr=IP]</c>
/// (unicast or multicast, told apart by the address), <c>tcp://host:port</c> (push) and
/// <c>tcp-listen://addr:port</c> (pull). Validated on parse; a host name is kept and resolved later by
/// <see cref="ResolveAsync"/>, so parsing never touches the network.
/// </summary>
public sealed record DestinationUri
{
    private const int MaxHostLength = 253;

    private DestinationUri(DestinationKind kind, string host, int port, IPAddress? address, int? ttl, int? packetSize, IPAddress? localAddress)
    {
        Kind = kind;
        Host = host;
        Port = port;
        Address = address;
        Ttl = ttl;
        PacketSize = packetSize;
        LocalAddress = localAddress;
    }

    public DestinationKind Kind { get; }

    /// <summary>The host as written (an IPv6 literal without brackets), lower-cased.</summary>
    public string Host { get; }

    public int Port { get; }

    /// <summary>The address when the host is a literal IP; null for a host name (see <see cref="ResolveAsync"/>).</summary>
    public IPAddress? Address { get; }

    /// <summary>The <c>ttl</c> parameter: multicast TTL (or unicast hop limit) for UDP.</summary>
    public int? Ttl { get; }

    /// <summary>The <c>pkt_size</c> parameter: UDP datagram size, a multiple of 188.</summary>
    public int? PacketSize { get; }

    /// <summary>The <c>localaddr</c> parameter: the local interface address multicast leaves from.</summary>
    public IPAddress? LocalAddress { get; }

    public bool IsUdp => Kind is DestinationKind.UdpUnicast or DestinationKind.UdpMulticast;

    public bool IsMulticast => Kind == DestinationKind.UdpMulticast;

    /// <summary>The URI in one canonical spelling, equal for equal destinations.</summary>
    public string Canonical
    {
        get
        {
            var scheme = Kind switch
            {
                DestinationKind.TcpPush => "tcp",
                DestinationKind.TcpListen => "tcp-listen",
                _ => "udp",
            };
            var builder = new StringBuilder($"{scheme}://{HostForUri}:{Port.ToString(CultureInfo.InvariantCulture)}");
            var separator = '?';
            if (Ttl is { } ttl)
            {
                builder.Append(separator).Append("ttl=").Append(ttl.ToString(CultureInfo.InvariantCulture));
                separator = '&';
            }

            if (PacketSize is { } size)
            {
                builder.Append(separator).Append("pkt_size=").Append(size.ToString(CultureInfo.InvariantCulture));
                separator = '&';
            }

            if (LocalAddress is { } local)
            {
                builder.Append(separator).Append("localaddr=").Append(local);
            }

            return builder.ToString();
        }
    }

    /// <summary>
    /// A stable, path-safe name for the destination's actor: <c>udp-10.0.0.5-5000</c>, <c>tcp-10.0.0.6-5000</c>,
    /// <c>mcast-239.255.0.1-5000</c>, <c>listen-0.0.0.0-5000</c>. IPv6 colons become '_'.
    /// </summary>
    public string Name
    {
        get
        {
            var prefix = Kind switch
            {
                DestinationKind.UdpUnicast => "udp",
                DestinationKind.UdpMulticast => "mcast",
                DestinationKind.TcpPush => "tcp",
                _ => "listen",
            };
            return $"{prefix}-{Host.Replace(':', '_').Replace('%', '_')}-{Port.ToString(CultureInfo.InvariantCulture)}";
        }
    }

    private string HostForUri => Address is { AddressFamily: AddressFamily.InterNetworkV6 } ? $"[{Host}]" : Host;

    public override string ToString() => Canonical;

    /// <summary>Parses and validates; on failure <paramref name="error"/> says what is wrong and how to write it.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out DestinationUri? destination, out string error)
    {
        destination = null;
        error = string.Empty;
        const string usage = "Use udp://HOST:PORT[?ttl=N], tcp://HOST:PORT or tcp-listen://ADDR:PORT.";
        var value = text?.Trim() ?? string.Empty;
        if (value.Length == 0)
        {
            error = "The destination is empty. " + usage;
            return false;
        }

        var schemeEnd = value.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            error = $"'{value}' is not a destination URI (no scheme://). " + usage;
            return false;
        }

        var scheme = value[..schemeEnd].ToLowerInvariant();
        var rest = value[(schemeEnd + 3)..];
        DestinationKind kind;
        switch (scheme)
        {
            case "udp":
                kind = DestinationKind.UdpUnicast;
                break;
            case "tcp":
                kind = DestinationKind.TcpPush;
                break;
            case "tcp-listen":
                kind = DestinationKind.TcpListen;
                break;
            default:
                error = $"Unknown scheme '{scheme}' in '{value}'. " + usage;
                return false;
        }

        var query = string.Empty;
        var queryStart = rest.IndexOf('?', StringComparison.Ordinal);
        if (queryStart >= 0)
        {
            query = rest[(queryStart + 1)..];
            rest = rest[..queryStart];
        }

        if (rest.EndsWith('/'))
        {
            rest = rest.TrimEnd('/');
        }

        if (rest.Contains('/', StringComparison.Ordinal) || rest.Contains('@', StringComparison.Ordinal))
        {
            error = $"'{value}' has a path or user part; a destination is only HOST:PORT. " + usage;
            return false;
        }

        if (!SplitHostPort(rest, out var host, out var portText, out error))
        {
            error = $"'{value}': {error} " + usage;
            return false;
        }

        if (!TryParsePort(portText, out var port, out error))
        {
            error = $"'{value}': {error}";
            return false;
        }

        IPAddress? address = null;
        if (IPAddress.TryParse(host, out var literal) && (literal.AddressFamily == AddressFamily.InterNetworkV6 || IsDottedQuad(host)))
        {
            address = literal;
            host = literal.ToString();
        }
        else if (!IsHostName(host))
        {
            error = $"'{value}': '{host}' is neither an IP address nor a valid host name.";
            return false;
        }

        host = host.ToLowerInvariant();
        if (address is not null && IsMulticastAddress(address))
        {
            if (kind != DestinationKind.UdpUnicast)
            {
                error = $"'{value}': {address} is a multicast address, which only udp:// can send to.";
                return false;
            }

            kind = DestinationKind.UdpMulticast;
        }

        if (address is not null && kind != DestinationKind.TcpListen
            && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)))
        {
            error = $"'{value}': {address} is not an address one can send to; it only makes sense for tcp-listen://.";
            return false;
        }

        if (!ParseQuery(query, kind, out var ttl, out var packetSize, out var localAddress, out error))
        {
            error = $"'{value}': {error}";
            return false;
        }

        destination = new DestinationUri(kind, host, port, address, ttl, packetSize, localAddress);
        return true;
    }

    /// <summary>Parses like <see cref="TryParse"/> and throws <see cref="FormatException"/> with the error.</summary>
    public static DestinationUri Parse(string? text) =>
        TryParse(text, out var destination, out var error) ? destination : throw new FormatException(error);

    /// <summary>
    /// The endpoint to send to or listen on: the literal address, or the host name looked up with DNS
    /// (IPv4 preferred, since the LAN tools this replaces were IPv4).
    /// </summary>
    /// <exception cref="SocketException">The host name does not resolve.</exception>
    public async Task<IPEndPoint> ResolveAsync(CancellationToken cancellationToken)
    {
        if (Address is not null)
        {
            return new IPEndPoint(Address, Port);
        }

        var addresses = await Dns.GetHostAddressesAsync(Host, cancellationToken).ConfigureAwait(false);
        var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? addresses.FirstOrDefault()
            ?? throw new SocketException((int)SocketError.HostNotFound);
        return new IPEndPoint(chosen, Port);
    }

    /// <summary>True for IPv4 224.0.0.0/4 and IPv6 ff00::/8.</summary>
    public static bool IsMulticastAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetwork
            ? (address.GetAddressBytes()[0] & 0xF0) == 0xE0
            : address.IsIPv6Multicast;
    }

    private static bool SplitHostPort(string authority, out string host, out string port, out string error)
    {
        host = string.Empty;
        port = string.Empty;
        error = string.Empty;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                error = "an IPv6 address opened with '[' is not closed with ']'.";
                return false;
            }

            host = authority[1..close];
            var after = authority[(close + 1)..];
            if (!after.StartsWith(':'))
            {
                error = "the port is missing (write [ADDRESS]:PORT).";
                return false;
            }

            port = after[1..];
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            if (colon < 0)
            {
                error = authority.Length == 0 ? "the host and port are missing." : "the port is missing.";
                return false;
            }

            if (authority.IndexOf(':', StringComparison.Ordinal) != colon)
            {
                error = "an IPv6 address must be written in brackets: [ADDRESS]:PORT.";
                return false;
            }

            host = authority[..colon];
            port = authority[(colon + 1)..];
        }

        if (host.Length == 0)
        {
            error = "the host is missing.";
            return false;
        }

        return true;
    }

    private static bool TryParsePort(string text, out int port, out string error)
    {
        error = string.Empty;
        if (text.Length == 0)
        {
            port = 0;
            error = "the port is missing.";
            return false;
        }

        if (!text.All(char.IsAsciiDigit) || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port))
        {
            port = 0;
            error = $"the port '{text}' is not a number.";
            return false;
        }

        if (port is < 1 or > 65535)
        {
            error = $"the port {port} is out of range (1-65535).";
            return false;
        }

        return true;
    }

    private static bool ParseQuery(string query, DestinationKind kind, out int? ttl, out int? packetSize, out IPAddress? localAddress, out string error)
    {
        ttl = null;
        packetSize = null;
        localAddress = null;
        error = string.Empty;
        if (query.Length == 0)
        {
            return true;
        }

        var isUdp = kind is DestinationKind.UdpUnicast or DestinationKind.UdpMulticast;
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = (eq < 0 ? pair : pair[..eq]).ToLowerInvariant();
            var val = eq < 0 ? string.Empty : pair[(eq + 1)..];
            if (!isUdp)
            {
                error = $"parameter '{key}' is not supported for tcp destinations (they take none).";
                return false;
            }

            switch (key)
            {
                case "ttl":
                    if (!int.TryParse(val, NumberStyles.None, CultureInfo.InvariantCulture, out var t) || t > 255)
                    {
                        error = $"ttl '{val}' must be a whole number from 0 to 255.";
                        return false;
                    }

                    ttl = t;
                    break;
                case "pkt_size":
                    if (!int.TryParse(val, NumberStyles.None, CultureInfo.InvariantCulture, out var s) || s < 188 || s > 65424 || s % 188 != 0)
                    {
                        error = $"pkt_size '{val}' must be a multiple of 188 from 188 to 65424 (1316 is usual).";
                        return false;
                    }

                    packetSize = s;
                    break;
                case "localaddr":
                    if (!IPAddress.TryParse(val, out var local))
                    {
                        error = $"localaddr '{val}' is not an IP address.";
                        return false;
                    }

                    localAddress = local;
                    break;
                default:
                    error = $"unknown parameter '{key}'; udp destinations take ttl, pkt_size and localaddr.";
                    return false;
            }
        }

        return true;
    }

    // IPAddress.TryParse accepts "1" or "10.1" as IPv4; only a full dotted quad counts as a literal here.
    private static bool IsDottedQuad(string host) =>
        host.Count(c => c == '.') == 3 && host.All(c => char.IsAsciiDigit(c) || c == '.');

    private static bool IsHostName(string host)
    {
        if (host.Length > MaxHostLength || host.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            return false;
        }

        foreach (var label in host.Split('.'))
        {
            if (label.Length is 0 or > 63 || label.StartsWith('-') || label.EndsWith('-')
                || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return true;
    }
}
