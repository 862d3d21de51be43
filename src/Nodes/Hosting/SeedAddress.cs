using ActorStream.Runtime.Actor;

namespace ActorStream.Nodes.Hosting;

/// <summary>Turns the `--seed HOST:PORT` that users type into the seed node's actor-system address.</summary>
public static class SeedAddress
{
    public const string Protocol = "actorstream";

    /// <summary>The address of a node of this system at host:port.</summary>
    public static Address Of(string host, int port) => new(Protocol, Seed.SeedNode.SystemName, host, port);

    /// <exception cref="ArgumentException">Not HOST:PORT with an IP address (or localhost) and a port 1..65535.</exception>
    public static Address Parse(string text) =>
        HostPort.TryParse(text, "127.0.0.1:4053", out var host, out var port, out var problem)
            ? Of(host, port)
            : throw new ArgumentException($"--seed '{text}': {problem}");
}
