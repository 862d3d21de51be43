using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ActorStream.Media.Transport;

namespace ActorStream.Media.Multicast;

/// <summary>
/// A station's multicast group: an IPv4 multicast address and a UDP port, written ADDRESS:PORT
/// (e.g. 239.255.0.1:5004). Viewers join the address and receive on the port.
/// </summary>
public sealed record MulticastGroup
{
    public MulticastGroup(IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetwork || !Transport.DestinationUri.IsMulticastAddress(address))
        {
            throw new ArgumentException($"{address} is not an IPv4 multicast address (224.0.0.0/4)", nameof(address));
        }

        if (port is < 1 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, "the port must be 1-65535");
        }

        Address = address;
        Port = port;
    }

    public IPAddress Address { get; }

    public int Port { get; }

    /// <summary>The fan-out destination's name for the group, as <see cref="Transport.DestinationUri.Name"/> spells it: mcast-239.255.0.1-5004.</summary>
    public string DestinationName => $"mcast-{Address}-{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>ADDRESS:PORT.</summary>
    public override string ToString() => $"{Address}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The fan-out destination URI that sends to the group with this TTL, leaving from <paramref name="localInterface"/> (null: the system's choice).</summary>
    public string ToDestinationUri(int ttl, IPAddress? localInterface)
    {
        var uri = $"udp://{this}?ttl={ttl.ToString(CultureInfo.InvariantCulture)}";
        return localInterface is null ? uri : $"{uri}&localaddr={localInterface}";
    }

    /// <summary>Parses ADDRESS:PORT; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out MulticastGroup? group, out string error)
    {
        group = null;
        var value = text?.Trim() ?? string.Empty;
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || colon != value.IndexOf(':', StringComparison.Ordinal))
        {
            error = $"'{value}' is not a multicast group; write ADDRESS:PORT, e.g. 239.255.0.1:5004";
            return false;
        }

        var host = value[..colon];
        var portText = value[(colon + 1)..];
        if (!IsDottedQuad(host) || !IPAddress.TryParse(host, out var address))
        {
            error = $"'{host}' in '{value}' is not an IPv4 address; write ADDRESS:PORT, e.g. 239.255.0.1:5004";
            return false;
        }

        if (!Transport.DestinationUri.IsMulticastAddress(address))
        {
            error = $"{address} is not a multicast address (224.0.0.0 to 239.255.255.255); 239.255.x.y is the local scope to use";
            return false;
        }

        if (!portText.All(char.IsAsciiDigit) || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            error = $"the port '{portText}' in '{value}' must be a number from 1 to 65535";
            return false;
        }

        group = new MulticastGroup(address, port);
        error = string.Empty;
        return true;
    }

    /// <summary>Parses like <see cref="TryParse"/> and throws <see cref="FormatException"/> with the error.</summary>
    public static MulticastGroup Parse(string? text) =>
        TryParse(text, out var group, out var error) ? group : throw new FormatException(error);

    private static bool IsDottedQuad(string host) =>
        host.Count(c => c == '.') == 3 && host.Length > 0 && host.All(c => char.IsAsciiDigit(c) || c == '.');
}
