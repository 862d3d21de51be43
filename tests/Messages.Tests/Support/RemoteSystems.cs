using ActorStream.Messages.Wire;
using Akka.Actor;
using Akka.Configuration;

namespace ActorStream.Messages.Tests.Support;

/// <summary>
/// ActorSystems serialized as a node's are: <see cref="WireSerializer.AkkaConfig"/> over the remote provider, on
/// loopback, on a port the OS picks (tests never collide on a port).
/// </summary>
internal static class RemoteSystems
{
    private const string Remote = """
        akka.actor.provider = remote
        akka.remote.dot-netty.tcp.hostname = 127.0.0.1
        akka.remote.dot-netty.tcp.port = 0
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        """;

    /// <summary>A node's system; <paramref name="extraHocon"/> overrides (only the attacking test system uses it).</summary>
    public static ActorSystem Create(string name, string extraHocon = "")
    {
        var config = ConfigurationFactory.ParseString(WireSerializer.AkkaConfig())
            .WithFallback(ConfigurationFactory.ParseString(Remote));
        if (extraHocon.Length > 0) config = ConfigurationFactory.ParseString(extraHocon).WithFallback(config);
        return ActorSystem.Create(name, config);
    }

    /// <summary>The address other nodes reach <paramref name="system"/> at (its real port, once bound).</summary>
    public static Address AddressOf(ActorSystem system) => ((ExtendedActorSystem)system).Provider.DefaultAddress;

    /// <summary>
    /// A ref, held by <paramref name="from"/>, to <paramref name="actor"/> of another system: what a node gets when
    /// it resolves a peer's actor, so messages to it go over the wire.
    /// </summary>
    public static IActorRef RemoteRef(ActorSystem from, ActorSystem owner, IActorRef actor) =>
        ((ExtendedActorSystem)from).Provider.ResolveActorRef(actor.Path.ToStringWithAddress(AddressOf(owner)));

    /// <summary>Terminates the systems, waiting a bounded time (a hung shutdown fails the test run, not hangs it).</summary>
    public static Task TerminateAsync(params ActorSystem[] systems) =>
        Task.WhenAll(systems.Select(s => s.Terminate())).WaitAsync(TimeSpan.FromSeconds(20));
}
