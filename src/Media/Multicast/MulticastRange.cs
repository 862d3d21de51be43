using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using ActorStream.Media.Transport;

namespace ActorStream.Media.Multicast;

/// <summary>
/// The IPv4 multicast block stations' groups are taken from, in CIDR notation (default 239.255.0.0/16, the
/// organisation-local scope of RFC 2365). The whole block must lie in 224.0.0.0/4.
/// </summary>
public sealed record MulticastRange
{
    private MulticastRange(uint network, int prefixLength)
    {
        Network = network;
        PrefixLength = prefixLength;
    }

    /// <summary>The block's first address as a host-order number.</summary>
    public uint Network { get; }

    public int PrefixLength { get; }

    /// <summary>Addresses in the block, the network address included.</summary>
    public long Size => 1L << (32 - PrefixLength);

    public IPAddress First => ToAddress(Network);

    public IPAddress Last => ToAddress((uint)(Network + Size - 1));

    public override string ToString() => $"{First}/{PrefixLength.ToString(CultureInfo.InvariantCulture)}";

    public bool Contains(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
        && ToNumber(address) >= Network && ToNumber(address) - Network < Size;

    /// <summary>The addresses a group may be given, in order: every one but the network address itself.</summary>
    public IEnumerable<IPAddress> Assignable()
    {
        for (long offset = Size == 1 ? 0 : 1; offset < Size; offset++)
        {
            yield return ToAddress((uint)(Network + offset));
        }
    }

    /// <summary>Parses ADDRESS/PREFIX (e.g. 239.255.0.0/16); the address is masked to the prefix.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out MulticastRange? range, out string error)
    {
        range = null;
        var value = text?.Trim() ?? string.Empty;
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            error = $"'{value}' is not a CIDR range; write ADDRESS/PREFIX, e.g. 239.255.0.0/16";
            return false;
        }

        var host = value[..slash];
        if (host.Count(c => c == '.') != 3 || !IPAddress.TryParse(host, out var address)
            || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            error = $"'{host}' in '{value}' is not an IPv4 address";
            return false;
        }

        var prefixText = value[(slash + 1)..];
        if (!prefixText.All(char.IsAsciiDigit) || !int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)
            || prefix is < 4 or > 32)
        {
            error = $"the prefix length '{prefixText}' in '{value}' must be a number from 4 to 32";
            return false;
        }

        var mask = uint.MaxValue << (32 - prefix);
        var network = ToNumber(address) & mask;
        if (!DestinationUri.IsMulticastAddress(ToAddress(network)))
        {
            error = $"'{value}' is not a multicast range: it must lie in 224.0.0.0/4 (239.255.0.0/16 is the local scope to use)";
            return false;
        }

        range = new MulticastRange(network, prefix);
        error = string.Empty;
        return true;
    }

    public static MulticastRange Parse(string? text) =>
        TryParse(text, out var range, out var error) ? range : throw new FormatException(error);

    private static uint ToNumber(IPAddress address) => BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes());

    private static IPAddress ToAddress(uint number)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, number);
        return new IPAddress(bytes);
    }
}
