using Akka.Actor;

namespace ActorStream.Messages.Tests.Support;

/// <summary>One node-configured ActorSystem shared by a test class (starting remoting per test case is slow).</summary>
public sealed class RemoteSystemFixture : IAsyncDisposable
{
    public ActorSystem System { get; } = RemoteSystems.Create("actorstream");

    public Akka.Serialization.Serialization Serialization => System.Serialization;

    public async ValueTask DisposeAsync() => await RemoteSystems.TerminateAsync(System);
}
