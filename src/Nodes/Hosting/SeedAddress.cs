using Akka.Actor;

namespace ActorStream.Nodes.Hosting;

/// <summary>Turns the `--seed HOST:PORT` that users type into the seed node's actor-system address.</summary>
public static class SeedAddress
{
    /// <summary>The address of a node of this system at host:port, over <paramref name="protocol"/> (akka.tcp or akka.ssl.tcp).</summary>
    public static Address Of(string host, int port, string protocol = "akka.tcp") =>
        // Akka names an IPv6 node [::1], with brackets; an address must match the node's own to reach it.
        new(protocol, Seed.SeedNode.SystemName, host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host, port);

    /// <exception cref="ArgumentException">Not HOST:PORT with an IP address (or localhost) and a port 1..65535.</exception>
    public static SeedEndPoint Parse(string text) =>
        HostPort.TryParse(text, "127.0.0.1:4053", out var host, out var port, out var problem)
            ? new SeedEndPoint(host, port)
            : throw new ArgumentException($"--seed '{text}': {problem}");
}

/// <summary>Where the seed listens; its address also needs the protocol, known once the configuration (TLS or not) is read.</summary>
public sealed record SeedEndPoint(string Host, int Port)
{
    public Address ToAddress(RemoteSettings remote) => SeedAddress.Of(Host, Port, remote.Protocol);
}
