using System.Runtime.CompilerServices;
using ActorStream.Runtime.Cluster;
using ActorStream.Runtime.Configuration;
using ActorStream.Runtime.Remote;

namespace ActorStream.Runtime.Tests.Remote;

public sealed class RemoteReferenceConfTests
{
    private static Config Reference([CallerFilePath] string sourceFile = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "hocon", "reference.conf");
            if (File.Exists(candidate)) return ConfigurationFactory.Load(candidate, new Dictionary<string, string>());
        }
        throw new FileNotFoundException("hocon/reference.conf");
    }

    [Fact]
    public void Remote_and_cluster_defaults_in_reference_conf_match_the_code()
    {
        var reference = Reference();
        Assert.Equal("local", reference.GetString("actorstream.actor.provider"));
        var r = new RemoteSettings(reference);
        var d = new RemoteSettings(Config.Empty);
        Assert.Equal((d.Hostname, d.Port, d.Secret, d.MaximumFrameSize, d.HandshakeTimeout, d.ConnectTimeout, d.SendQueueSize),
            (r.Hostname, r.Port, r.Secret, r.MaximumFrameSize, r.HandshakeTimeout, r.ConnectTimeout, r.SendQueueSize));
        Assert.Equal((d.ReconnectMinBackoff, d.ReconnectMaxBackoff, d.WatchHeartbeatInterval, d.WatchFailureAfter),
            (r.ReconnectMinBackoff, r.ReconnectMaxBackoff, r.WatchHeartbeatInterval, r.WatchFailureAfter));
        var c = new ClusterSettings(reference);
        var e = new ClusterSettings(Config.Empty);
        Assert.Equal((e.GossipInterval, e.SeedNodeTimeout, e.RetryUnsuccessfulJoinAfter, e.HeartbeatInterval, e.Threshold, e.AcceptableHeartbeatPause),
            (c.GossipInterval, c.SeedNodeTimeout, c.RetryUnsuccessfulJoinAfter, c.HeartbeatInterval, c.Threshold, c.AcceptableHeartbeatPause));
        Assert.Equal((e.MinStdDeviation, e.MaxSampleSize, e.MonitoredByNrOfMembers, e.StableAfter, e.TieBreakerRole, e.RejoinWhenSeedsLost),
            (c.MinStdDeviation, c.MaxSampleSize, c.MonitoredByNrOfMembers, c.StableAfter, c.TieBreakerRole, c.RejoinWhenSeedsLost));
        Assert.Empty(c.SeedNodes);
    }

    [Fact]
    public void A_bad_provider_or_seed_address_is_a_configuration_error()
    {
        Assert.Throws<ConfigurationException>(() => ProviderKinds.FromConfig(ConfigurationFactory.ParseString("actorstream.actor.provider = remoting")));
        Assert.Throws<ConfigurationException>(() => new ClusterSettings(ConfigurationFactory.ParseString("actorstream.cluster.seed-nodes = [\"host:4053\"]")));
    }
}
