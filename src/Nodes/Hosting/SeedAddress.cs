using System.Globalization;
using System.Net;
using ActorStream.Runtime.Actor;

namespace ActorStream.Nodes.Hosting;

/// <summary>Turns the `--seed HOST:PORT` that users type into the seed node's actor-system address.</summary>
public static class SeedAddress
{
    public const string Protocol = "actorstream";

    /// <summary>The address of a node of this system at host:port.</summary>
    public static Address Of(string host, int port) => new(Protocol, Seed.SeedNode.SystemName, host, port);

    /// <exception cref="ArgumentException">Not HOST:PORT with an IP address (or localhost) and a port 1..65535.</exception>
    public static Address Parse(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            throw new ArgumentException($"--seed '{text}': expected HOST:PORT, e.g. 127.0.0.1:4053");
        }

        var host = text[..colon].Trim('[', ']');
        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new ArgumentException($"--seed '{text}': the port must be a number from 1 to 65535");
        }

        if (host == "localhost")
        {
            host = "127.0.0.1";
        }

        if (!IPAddress.TryParse(host, out _))
        {
            throw new ArgumentException($"--seed '{text}': '{host}' is not an IP address");
        }

        return Of(host, port);
    }
}
