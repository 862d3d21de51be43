using System.Runtime.CompilerServices;
using ActorStream.Nodes.Configuration;
using ActorStream.Nodes.Hosting;
using AkkaConfig = Akka.Configuration.Config;
using AkkaConfigurationFactory = Akka.Configuration.ConfigurationFactory;

namespace ActorStream.Nodes.Tests.Configuration;

public sealed class ReferenceConfTests
{
    /// <summary>hocon/reference.conf, found by walking up from the test binaries (or this source file) to the repository root.</summary>
    private static string ReferencePath([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "hocon", "reference.conf");
                if (File.Exists(candidate)) return candidate;
            }
        }
        throw new FileNotFoundException("hocon/reference.conf not found above " + AppContext.BaseDirectory);
    }

    private static Config Reference() => ConfigurationFactory.Load(ReferencePath(), new Dictionary<string, string>());

    [Fact]
    public void Reference_conf_parses_and_holds_the_remote_defaults()
    {
        var c = Reference();

        Assert.Equal("127.0.0.1", c.GetString("actorstream.remote.hostname"));
        Assert.Equal(4053, c.GetInt("actorstream.remote.port"));
        Assert.Equal("", c.GetString("actorstream.remote.certificate"));
        Assert.Equal("", c.GetString("actorstream.remote.certificate-password"));
        Assert.Empty(c.GetStringList("actorstream.cluster.seed-nodes"));
        // The home-made runtime's settings went with it; Akka's are tuned in the akka section.
        Assert.False(c.HasPath("actorstream.actor"));
        Assert.False(c.HasPath("actorstream.remote.secret"));
        Assert.True(c.HasPath("akka"));
    }

    [Fact]
    public void Reference_remote_settings_mean_plain_tcp_at_the_default_address()
    {
        var remote = RemoteSettings.Read(Reference());

        Assert.Equal(new RemoteSettings("127.0.0.1", 4053, null, ""), remote);
        Assert.False(remote.Tls);
        Assert.Equal("akka.tcp", remote.Protocol);
    }

    [Fact]
    public void The_akka_section_parses_with_akkas_own_parser()
    {
        var akka = AkkaConfigurationFactory.ParseString(NodeHost.AkkaHocon(Reference()));

        Assert.Equal("keep-oldest", akka.GetString("akka.cluster.split-brain-resolver.active-strategy"));
        Assert.Equal("camera", akka.GetString("akka.cluster.split-brain-resolver.keep-oldest.role"));
        // The camera is kept even alone on its side.
        Assert.False(akka.GetBoolean("akka.cluster.split-brain-resolver.keep-oldest.down-if-alone"));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), akka.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
        Assert.Equal(TimeSpan.FromMilliseconds(200), akka.GetTimeSpan("akka.cluster.failure-detector.heartbeat-interval"));
        Assert.Equal(TimeSpan.FromSeconds(5), akka.GetTimeSpan("akka.actor.ask-timeout"));
        Assert.Equal(4L * 1024 * 1024, akka.GetByteSize("akka.remote.dot-netty.tcp.maximum-frame-size"));
        Assert.False(akka.GetBoolean("akka.coordinated-shutdown.run-by-clr-shutdown-hook"));
        Assert.StartsWith("ActorStream.Messages.Wire.WireSerializer", akka.GetString("akka.actor.serializers.actorstream-wire"), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_akka_setting_reference_conf_tunes_is_one_akka_knows()
    {
        // Akka ignores a path it does not know, so a misspelt key would silently leave Akka's default in place.
        var known = AkkaConfigurationFactory.FromResource<Akka.Cluster.Cluster>("Akka.Cluster.Configuration.Cluster.conf")
            .WithFallback(AkkaConfigurationFactory.FromResource<Akka.Remote.RemoteActorRefProvider>("Akka.Remote.Configuration.Remote.conf"))
            .WithFallback(Akka.Cluster.Tools.PublishSubscribe.DistributedPubSub.DefaultConfig())
            .WithFallback(AkkaConfigurationFactory.Default());
        var ours = AkkaConfigurationFactory.ParseString("akka {\n" + Reference().GetConfig("akka").Render() + "\n}");

        var paths = LeafPaths(ours, "akka").ToList();

        Assert.Contains("akka.cluster.split-brain-resolver.keep-oldest.role", paths);
        Assert.All(paths, path => Assert.True(known.HasPath(path), $"Akka has no setting {path}"));
    }

    [Fact]
    public void Reference_conf_round_trips_through_render()
    {
        var c = Reference();
        Assert.True(c.Root.ContentEquals(ConfigurationFactory.ParseString(c.Render()).Root));
    }

    [Fact]
    public void Env_override_of_a_reference_setting_through_the_node_loader()
    {
        var env = new Dictionary<string, string> { ["ACTORSTREAM_FANOUT__UDP__MULTICAST_TTL"] = "4" };
        var c = new NodeConfigLoader(env).Load(ReferencePath(), null,
            [new ConfigOverride("actorstream.remote.certificate", "/etc/actorstream/cluster.pfx", "flag --certificate")]);
        Assert.Equal(4, c.GetInt("actorstream.fanout.udp.multicast-ttl"));
        Assert.Equal("/etc/actorstream/cluster.pfx", c.GetString("actorstream.remote.certificate"));
        Assert.Equal(256, c.GetInt("actorstream.fanout.queue-chunks"));
        Assert.Equal("akka.ssl.tcp", RemoteSettings.Read(c).Protocol);
    }

    private static IEnumerable<string> LeafPaths(AkkaConfig config, string path)
    {
        var value = config.GetValue(path);
        if (!value.IsObject())
        {
            return [path];
        }

        return value.GetObject().Items.Keys.SelectMany(key => LeafPaths(config, path + "." + key));
    }
}
