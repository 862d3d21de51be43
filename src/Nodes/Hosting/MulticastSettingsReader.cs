using System.Net;
using System.Net.Sockets;
using ActorStream.Media.Multicast;
using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Hosting;

/// <summary>Reads actorstream.multicast: the range groups come from, their port, TTL and outgoing interface.</summary>
public static class MulticastSettingsReader
{
    private const string M = "actorstream.multicast.";

    public static MulticastSettings Read(Config config)
    {
        if (!MulticastRange.TryParse(config.GetString(M + "ip-range"), out var range, out var rangeError))
        {
            throw ConfigValues.Bad(config, M + "ip-range", rangeError);
        }

        var port = config.GetInt(M + "port");
        if (port is < 1 or > 65535)
        {
            throw ConfigValues.Bad(config, M + "port", $"must be 1..65535, got {port}");
        }

        var ttl = config.GetInt(M + "ttl");
        if (ttl is < 0 or > 255)
        {
            throw ConfigValues.Bad(config, M + "ttl", $"must be 0..255, got {ttl}");
        }

        return new MulticastSettings { Range = range, Port = port, Ttl = ttl, Interface = Interface(config) };
    }

    /// <summary>
    /// The interface groups leave from: the one set, or, when none is ("" the default), the seed's own address
    /// (actorstream.remote.hostname) when that is an IPv4 literal: it is the address viewers reach the seed at, so the
    /// group leaves where they are (and on one machine, 127.0.0.1, it stays on loopback, where viewers join it).
    /// Otherwise (a host name, or 0.0.0.0) the routing table decides.
    /// </summary>
    private static IPAddress? Interface(Config config)
    {
        var text = config.GetString(M + "interface").Trim();
        if (text.Length > 0)
        {
            return IsUsableIPv4(text, out var address)
                ? address
                : throw ConfigValues.Bad(config, M + "interface",
                    $"'{text}' is not an IPv4 address of this machine's interface; give the address (e.g. 192.168.1.10) or \"\" for the default");
        }

        var hostname = config.GetString("actorstream.remote.hostname", "").Trim();
        return IsUsableIPv4(hostname, out var own) ? own : null;
    }

    private static bool IsUsableIPv4(string text, out IPAddress? address)
    {
        address = null;
        if (text.Count(c => c == '.') != 3 || !IPAddress.TryParse(text, out var parsed)
            || parsed.AddressFamily != AddressFamily.InterNetwork || parsed.Equals(IPAddress.Any)
            || Media.Transport.DestinationUri.IsMulticastAddress(parsed))
        {
            return false;
        }

        address = parsed;
        return true;
    }
}
