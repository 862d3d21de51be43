using Akka.Actor;
using Akka.Configuration;

namespace ActorStream.Runtime.Bench;

/// <summary>The Akka configurations the bench runs (defaults, quiet logs) and the bounded creation/termination of a system.</summary>
internal static class BenchSystems
{
    /// <summary>Name shared by both processes' systems; it is part of the remote counter's address.</summary>
    public const string RemoteSystemName = "bench";

    private static readonly TimeSpan TerminateTimeout = TimeSpan.FromSeconds(15);

    // Info logs (remoting start, addresses) would mix with the table; warnings and errors still show.
    private const string Quiet = """
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        """;

    /// <summary>Akka's default dispatcher and mailboxes: the in-process figures are Akka as it comes.</summary>
    public static ActorSystem Local(string name) => ActorSystem.Create(name, ConfigurationFactory.ParseString(Quiet));

    /// <summary>
    /// Remoting over DotNetty TCP on 127.0.0.1 (port 0: any free one). Hit and Ack are bound to the bench's binary
    /// serializer, so they never go through the default Newtonsoft JSON serializer.
    /// </summary>
    public static ActorSystem Remote(int port)
    {
        var serializer = typeof(BenchMessageSerializer).AssemblyQualifiedName;
        var hit = typeof(Hit).AssemblyQualifiedName;
        var ack = typeof(Ack).AssemblyQualifiedName;
        var config = ConfigurationFactory.ParseString($$"""
            {{Quiet}}
            akka.actor.provider = remote
            akka.actor.serializers.bench = "{{serializer}}"
            akka.actor.serialization-bindings {
              "{{hit}}" = bench
              "{{ack}}" = bench
            }
            akka.remote.dot-netty.tcp.hostname = 127.0.0.1
            akka.remote.dot-netty.tcp.port = {{port}}
            """);
        var system = ActorSystem.Create(RemoteSystemName, config);
        // A typo in the bindings would silently fall back to JSON and measure the wrong thing.
        if (system.Serialization.FindSerializerForType(typeof(Hit)) is not BenchMessageSerializer
            || system.Serialization.FindSerializerForType(typeof(Ack)) is not BenchMessageSerializer)
        {
            throw new InvalidOperationException("Hit/Ack are not bound to BenchMessageSerializer.");
        }
        return system;
    }

    /// <summary>Terminates the system, waiting at most <see cref="TerminateTimeout"/>.</summary>
    public static async Task TerminateAsync(ActorSystem system) => await system.Terminate().WaitAsync(TerminateTimeout);
}
