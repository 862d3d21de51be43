using ActorStream.Runtime.Actor;
using ActorStream.Runtime.Configuration;
using ActorStream.Runtime.Remote;
using ActorStream.Runtime.Serialization;
using ActorStream.TestKit;

namespace ActorStream.Runtime.Tests.Remote;

/// <summary>Test messages that cross nodes.</summary>
public sealed record Echo(string Text);

/// <summary>A message with a ref inside.</summary>
public sealed record Carry(IActorRef Target, string Text);

/// <summary>Creates remoting systems on 127.0.0.1 with a free port, and terminates them all at the end.</summary>
public sealed class RemoteNodes : IAsyncDisposable
{
    public const string Secret = "test-secret-1";
    private readonly List<ActorSystem> _systems = [];

    public static void Register(MessageRegistry registry)
    {
        registry.Register<Echo>("test.echo");
        registry.Register<Carry>("test.carry");
    }

    public static Config ConfigFor(string provider = "remote", int port = 0, string secret = Secret, string extra = "") =>
        ConfigurationFactory.ParseString($$"""
            actorstream.actor.provider = {{provider}}
            actorstream.remote {
              hostname = "127.0.0.1"
              port = {{port}}
              secret = "{{secret}}"
              handshake-timeout = 1s
            }
            {{extra}}
            """);

    public ActorSystem Start(int port = 0, string secret = Secret, string extra = "", CapturingLoggerFactory? log = null,
        Action<MessageRegistry>? register = null, string provider = "remote")
    {
        var system = ActorSystem.Create("actorstream", ConfigFor(provider, port, secret, extra), log, register ?? Register);
        lock (_systems) _systems.Add(system);
        return system;
    }

    public static Address AddressOf(ActorSystem system) => ((ExtendedActorSystem)system).Provider.DefaultAddress;

    public static RemoteTransport TransportOf(ActorSystem system) => ((RemoteActorRefProvider)((ExtendedActorSystem)system).Provider).Transport;

    public async ValueTask DisposeAsync()
    {
        List<ActorSystem> systems;
        lock (_systems) systems = [.. _systems];
        foreach (var system in systems)
        {
            try
            {
                await system.Terminate().WaitAsync(TimeSpan.FromSeconds(15));
            }
            catch (TimeoutException)
            {
            }
        }
    }
}
