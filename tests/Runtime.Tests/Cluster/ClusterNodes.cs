using ActorStream.Runtime.Actor;
using ActorStream.Runtime.Cluster.Model;
using ActorStream.Runtime.Tests.Remote;

namespace ActorStream.Runtime.Tests.Cluster;

/// <summary>Cluster systems on 127.0.0.1 with free ports: a seed that joins itself, and members that join it.</summary>
public sealed class ClusterNodes : IAsyncDisposable
{
    private readonly RemoteNodes _nodes = new();

    public ActorSystem StartSeed(int port = 0, string role = "camera")
    {
        var system = _nodes.Start(port: port, provider: "cluster", extra: $"actorstream.cluster.roles = [{role}]");
        var cluster = Runtime.Cluster.Cluster.Get(system);
        cluster.Join(cluster.SelfAddress);
        return system;
    }

    public ActorSystem StartMember(Address seed, int port = 0, string role = "viewer") =>
        _nodes.Start(port: port, provider: "cluster", extra: $"""
            actorstream.cluster.roles = [{role}]
            actorstream.cluster.seed-nodes = ["{seed}"]
            """);

    public static Runtime.Cluster.Cluster ClusterOf(ActorSystem system) => Runtime.Cluster.Cluster.Get(system);

    public static bool AllUp(ActorSystem system, int count)
    {
        var state = ClusterOf(system).State;
        return state.Members.Count == count && state.Members.All(m => m.Status == MemberStatus.Up) && state.Unreachable.Count == 0;
    }

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not within {timeout}: {what}");
            await Task.Delay(10);
        }
    }

    public ValueTask DisposeAsync() => _nodes.DisposeAsync();
}
