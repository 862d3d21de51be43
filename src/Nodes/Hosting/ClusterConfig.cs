using System.Text.Json;
using ActorStream.Runtime.Cluster;
using ActorStream.Runtime.Configuration;
using Microsoft.Extensions.Logging;

namespace ActorStream.Nodes.Hosting;

/// <summary>What makes a node a cluster member of the right kind: the cluster provider, its role, and the
/// seed nodes it joins.</summary>
public static class ClusterConfig
{
    public const string CameraRole = "camera";
    public const string ViewerRole = "viewer";

    /// <summary>The seed: role camera; with no seed-nodes configured it is its own seed node (it forms the cluster).</summary>
    public static Config ForSeed(Config config)
    {
        var seeds = config.GetStringList("actorstream.cluster.seed-nodes", []);
        if (seeds.Count == 0)
        {
            var self = SeedAddress.Of(config.GetString("actorstream.remote.hostname"), config.GetInt("actorstream.remote.port"));
            seeds = [self.ToString()];
        }

        return With(config, CameraRole, seeds);
    }

    /// <summary>A viewer: role viewer, joining through the given seed.</summary>
    /// <remarks>Its cluster port is actorstream.viewer.cluster-port (default 0, a free one), not the seed's 4053,
    /// so several viewers can run on one machine.</remarks>
    public static Config ForViewer(Config config, Runtime.Actor.Address seed)
    {
        var port = config.GetInt("actorstream.viewer.cluster-port");
        var withPort = ConfigurationFactory.ParseString($"actorstream.remote.port = {port}", "viewer cluster-port").WithFallback(config);
        return With(withPort, ViewerRole, [seed.ToString()]);
    }

    /// <summary>Leaves the cluster and waits (bounded) until the others have removed this node.</summary>
    public static async Task LeaveGracefullyAsync(Cluster cluster, ILogger log)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await cluster.LeaveAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            log.LogWarning("Leaving the cluster took over 5 s; stopping anyway (the others will down this node)");
        }
    }

    private static Config With(Config config, string role, IReadOnlyList<string> seeds)
    {
        var overrides = $$"""
            actorstream.actor.provider = cluster
            actorstream.cluster.roles = {{JsonSerializer.Serialize(new[] { role })}}
            actorstream.cluster.seed-nodes = {{JsonSerializer.Serialize(seeds)}}
            """;
        return ConfigurationFactory.ParseString(overrides, "node kind").WithFallback(config).Resolve();
    }
}
