using ActorStream.Messages.Wire;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Hosting.Logging;
using Microsoft.Extensions.Logging;

namespace ActorStream.Actors.Tests.Support;

/// <summary>
/// How a test's ActorSystem is set up when the default TestKit system is not enough: with a logger factory the
/// actors log to (they read it from Akka.Hosting's <see cref="LoggerFactorySetup"/>, as on a node), or as a node
/// that talks over loopback TCP, serialized as nodes are (<see cref="WireSerializer.AkkaConfig"/>).
/// </summary>
internal static class TestSystems
{
    /// <summary>Remoting on loopback on a port the OS picks, so that tests never collide on a port; Akka's own
    /// log only from warnings on (dead letters of a seed with no stations are no news).</summary>
    private const string Remote = """
        akka.actor.provider = remote
        akka.remote.dot-netty.tcp.hostname = 127.0.0.1
        akka.remote.dot-netty.tcp.port = 0
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        """;

    /// <summary>The default TestKit system, its actors logging to <paramref name="loggerFactory"/>.</summary>
    public static ActorSystemSetup LoggingTo(ILoggerFactory loggerFactory) =>
        ActorSystemSetup.Create(BootstrapSetup.Create(), new LoggerFactorySetup(loggerFactory));

    /// <summary>A node's config: remoting on loopback with the wire serializer, and <paramref name="extraHocon"/> over it.</summary>
    public static Config RemoteNode(string extraHocon = "") =>
        ConfigurationFactory.ParseString(extraHocon)
            .WithFallback(ConfigurationFactory.ParseString(WireSerializer.AkkaConfig()))
            .WithFallback(ConfigurationFactory.ParseString(Remote));

    /// <summary>
    /// A one-node cluster member's config with <paramref name="role"/>: cluster provider, remoting on loopback, the
    /// wire serializer. It joins nobody until told to (<see cref="JoinSelf"/>).
    /// </summary>
    public static Config ClusterNode(string role) =>
        RemoteNode($$"""
            akka.actor.provider = cluster
            akka.cluster.roles = ["{{role}}"]
            """);

    /// <summary>The address other systems reach <paramref name="system"/> at: its real port, once bound.</summary>
    public static Address AddressOf(ActorSystem system) => ((ExtendedActorSystem)system).Provider.DefaultAddress;

    /// <summary>Makes <paramref name="system"/> a cluster of its own: it joins itself and becomes its leader.</summary>
    public static void JoinSelf(ActorSystem system)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        cluster.Join(cluster.SelfAddress);
    }
}
