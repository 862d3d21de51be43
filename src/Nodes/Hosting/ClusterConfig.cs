using ActorStream.Nodes.Configuration;
using Akka.Actor;

namespace ActorStream.Nodes.Hosting;

/// <summary>What makes a node a cluster member of the right kind: its role and the seed nodes it joins.</summary>
public static class ClusterConfig
{
    public const string CameraRole = "camera";
    public const string ViewerRole = "viewer";
    public const string ChatRole = "chat";

    /// <summary>
    /// The seed's seed nodes: actorstream.cluster.seed-nodes, or itself first and then the members its last run recorded
    /// (<paramref name="knownMembers"/>): it joins them if any still run (a restarted seed rejoins its viewers), and
    /// forms the cluster alone after akka.cluster.seed-node-timeout if none answers.
    /// </summary>
    public static IReadOnlyList<Address> SeedsOfSeed(Config config, RemoteSettings remote, IReadOnlyList<Address> knownMembers)
    {
        var seeds = config.GetStringList("actorstream.cluster.seed-nodes", []);
        if (seeds.Count == 0)
        {
            var self = SeedAddress.Of(remote.Hostname, remote.Port, remote.Protocol);
            return [self, .. knownMembers.Where(m => m != self && m.Protocol == self.Protocol).Distinct()];
        }

        return seeds.Select(s => Address.TryParse(s, out var address)
                ? address
                : throw ConfigValues.Bad(config, "actorstream.cluster.seed-nodes", $"'{s}' is not an address like {remote.Protocol}://actorstream@10.0.0.5:4053"))
            .ToArray();
    }

    /// <summary>Where the seed records the cluster's members for its next run: one file per cluster port, in the data directory.</summary>
    public static string KnownMembersPath(Config config, RemoteSettings remote) =>
        Path.Combine(DataDirectory(config), $"members-{remote.Hostname}-{remote.Port}.txt");

    /// <summary>actorstream.seed.data-directory, "" being ~/.local/share/actorstream: what outlives the seed (members, chat).</summary>
    public static string DataDirectory(Config config)
    {
        var directory = config.GetString("actorstream.seed.data-directory", "").Trim();
        if (directory.Length == 0)
        {
            var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            directory = Path.Combine(data.Length > 0 ? data : Path.GetTempPath(), "actorstream");
        }

        return directory;
    }

    /// <summary>A viewer's own cluster port: actorstream.viewer.cluster-port (default 0, a free one), not the seed's
    /// 4053, so several viewers can run on one machine.</summary>
    public static Config ForViewer(Config config)
    {
        var port = config.GetInt("actorstream.viewer.cluster-port");
        return ConfigurationFactory.ParseString($"actorstream.remote.port = {port}", "viewer cluster-port").WithFallback(config).Resolve();
    }
}
