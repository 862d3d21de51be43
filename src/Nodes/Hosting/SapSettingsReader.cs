using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using ActorStream.Actors.Sap;
using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Hosting;

/// <summary>Reads actorstream.sap for the seed's SAP announcer, so that a bad value stops the seed at start with its
/// key and origin.</summary>
public static class SapSettingsReader
{
    private const string S = "actorstream.sap.";

    /// <summary>The setting a "" interface falls back on, when the node has it.</summary>
    private const string MulticastInterface = "actorstream.multicast.interface";

    public static SapSettings Read(Config config)
    {
        var enabled = config.GetBoolean(S + "enabled");
        if (!IPAddress.TryParse(config.GetString(S + "address"), out var address) || address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw ConfigValues.Bad(config, S + "address",
                $"must be an IPv4 address, e.g. 224.2.127.254 (SAP's global scope) or 239.255.255.255, got '{config.GetString(S + "address")}'");
        }

        var port = config.GetInt(S + "port");
        if (port is < 1 or > 65535)
        {
            throw ConfigValues.Bad(config, S + "port", $"must be 1..65535, got {port}");
        }

        return new SapSettings
        {
            Enabled = enabled,
            Address = address,
            Port = port,
            Interval = ConfigValues.PositiveDuration(config, S + "interval"),
            Ttl = ReadTtl(config),
            Interface = ReadInterface(config),
        };
    }

    private static int? ReadTtl(Config config)
    {
        var text = config.GetString(S + "ttl").Trim();
        if (text == "station")
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ttl) && ttl <= 255
            ? ttl
            : throw ConfigValues.Bad(config, S + "ttl", $"must be 'station' (each station's own TTL) or 0..255, got '{text}'");
    }

    private static IPAddress? ReadInterface(Config config)
    {
        var key = S + "interface";
        var text = config.GetString(key).Trim();
        if (text.Length == 0 && config.HasPath(MulticastInterface))
        {
            key = MulticastInterface;
            text = config.GetString(key).Trim();
        }

        if (text.Length == 0)
        {
            return null;
        }

        if (IPAddress.TryParse(text, out var address))
        {
            return address.AddressFamily == AddressFamily.InterNetwork
                ? address
                : throw ConfigValues.Bad(config, key, $"must be an IPv4 address or an interface name, got '{text}'");
        }

        var nic = NetworkInterface.GetAllNetworkInterfaces().FirstOrDefault(n => n.Name == text)
            ?? throw ConfigValues.Bad(config, key,
                $"'{text}' is neither an IPv4 address nor an interface of this machine ({string.Join(", ", NetworkInterface.GetAllNetworkInterfaces().Select(n => n.Name))})");
        return nic.GetIPProperties().UnicastAddresses.Select(a => a.Address).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? throw ConfigValues.Bad(config, key, $"interface '{text}' has no IPv4 address");
    }
}
