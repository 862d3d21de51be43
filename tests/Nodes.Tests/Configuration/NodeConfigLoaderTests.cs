using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Tests.Configuration;

public sealed class NodeConfigLoaderTests
{
    private const string Reference = """
        actorstream {
          actor {
            default-dispatcher.throughput = 30
            ask-timeout = 5s
          }
          seed {
            port = 4053
            host = "0.0.0.0"
            name = "seed"
          }
        }
        """;

    [Fact]
    public void Later_layers_win_reference_then_file_then_env_then_flags()
    {
        using var dir = new TempDirectory();
        var reference = dir.Write("reference.conf", Reference);
        var user = dir.Write("seed.conf", "actorstream.seed { port = 5000, host = \"10.0.0.1\", name = from-file }");
        var env = new Dictionary<string, string>
        {
            ["ACTORSTREAM_SEED__HOST"] = "10.0.0.2",
            ["ACTORSTREAM_SEED__NAME"] = "from-env",
            ["PATH"] = "/usr/bin",
        };
        var flags = new[] { new ConfigOverride("actorstream.seed.name", "from-flag", "flag --name") };

        var c = new NodeConfigLoader(env).Load(reference, user, flags);

        Assert.Equal(30, c.GetInt("actorstream.actor.default-dispatcher.throughput"));
        Assert.Equal(5000, c.GetInt("actorstream.seed.port"));
        Assert.Equal("10.0.0.2", c.GetString("actorstream.seed.host"));
        Assert.Equal("from-flag", c.GetString("actorstream.seed.name"));
        Assert.Equal($"{reference}:3", c.GetOrigin("actorstream.actor.default-dispatcher.throughput")!.ToString());
        Assert.Equal($"{user}:1", c.GetOrigin("actorstream.seed.port")!.ToString());
        Assert.Equal("env ACTORSTREAM_SEED__HOST", c.GetOrigin("actorstream.seed.host")!.ToString());
        Assert.Equal("flag --name", c.GetOrigin("actorstream.seed.name")!.ToString());
        Assert.False(c.HasPath("actorstream.path"));
    }

    [Fact]
    public void Environment_names_map_double_underscore_to_dot_and_underscore_to_dash()
    {
        Assert.True(NodeConfigLoader.TryMapEnvironmentName("ACTORSTREAM_ACTOR__DEFAULT_DISPATCHER__THROUGHPUT", out var path));
        Assert.Equal("actorstream.actor.default-dispatcher.throughput", path.ToString());
        Assert.False(NodeConfigLoader.TryMapEnvironmentName("ACTORSTREAM_", out _));
        Assert.False(NodeConfigLoader.TryMapEnvironmentName("ACTORSTREAM_A____B", out _));
        Assert.False(NodeConfigLoader.TryMapEnvironmentName("OTHER_A", out _));

        using var dir = new TempDirectory();
        var reference = dir.Write("reference.conf", Reference);
        var env = new Dictionary<string, string> { ["ACTORSTREAM_ACTOR__DEFAULT_DISPATCHER__THROUGHPUT"] = "50" };
        var c = new NodeConfigLoader(env).Load(reference);
        Assert.Equal(50, c.GetInt("actorstream.actor.default-dispatcher.throughput"));
    }

    [Fact]
    public void Bad_env_value_is_reported_with_the_variable_name()
    {
        using var dir = new TempDirectory();
        var reference = dir.Write("reference.conf", Reference);
        var env = new Dictionary<string, string> { ["ACTORSTREAM_SEED__PORT"] = "abc" };
        var c = new NodeConfigLoader(env).Load(reference);

        var e = Assert.Throws<ConfigurationException>(() => c.GetInt("actorstream.seed.port"));

        Assert.Equal("env ACTORSTREAM_SEED__PORT: actorstream.seed.port: expected an integer, got \"abc\"", e.Message);
    }

    [Fact]
    public void Override_values_may_be_lists_and_durations()
    {
        using var dir = new TempDirectory();
        var reference = dir.Write("reference.conf", Reference);
        var c = new NodeConfigLoader(new Dictionary<string, string>()).Load(reference, null,
        [
            new ConfigOverride("actorstream.seed.dests", "[\"udp://10.0.0.5:5000\", \"tcp://10.0.0.6:5000\"]", "flag --dest"),
            new ConfigOverride("actorstream.actor.ask-timeout", "250ms"),
            new ConfigOverride("actorstream.seed.note", "a # not a comment"),
        ]);
        Assert.Equal(["udp://10.0.0.5:5000", "tcp://10.0.0.6:5000"], c.GetStringList("actorstream.seed.dests"));
        Assert.Equal(TimeSpan.FromMilliseconds(250), c.GetTimeSpan("actorstream.actor.ask-timeout"));
        Assert.Equal("a # not a comment", c.GetString("actorstream.seed.note"));
        Assert.Equal("flag actorstream.actor.ask-timeout", c.GetOrigin("actorstream.actor.ask-timeout")!.ToString());
        Assert.Equal("flag --dest", c.GetOrigin("actorstream.seed.dests")!.ToString());
    }

    [Fact]
    public void User_file_substitutions_see_reference_values_and_the_passed_environment()
    {
        using var dir = new TempDirectory();
        var reference = dir.Write("reference.conf", Reference);
        var user = dir.Write("user.conf", "actorstream.seed { name = ${actorstream.seed.host}\"-\"${?CAMERA_ID} }");
        var c = new NodeConfigLoader(new Dictionary<string, string> { ["CAMERA_ID"] = "cam7" }).Load(reference, user);
        Assert.Equal("0.0.0.0-cam7", c.GetString("actorstream.seed.name"));
    }

    [Fact]
    public void Missing_user_file_and_broken_user_file_fail_with_their_path()
    {
        using var dir = new TempDirectory();
        var reference = dir.Write("reference.conf", Reference);
        var loader = new NodeConfigLoader(new Dictionary<string, string>());
        var missing = Path.Combine(dir.Path, "nope.conf");

        var e1 = Assert.Throws<ConfigurationException>(() => loader.Load(reference, missing));
        Assert.Contains("nope.conf", e1.Message, StringComparison.Ordinal);

        var broken = dir.Write("broken.conf", "actorstream {\n  seed {\n");
        var e2 = Assert.Throws<ConfigurationException>(() => loader.Load(reference, broken));
        Assert.StartsWith($"{broken}:3:1: expected '}}' to close the object opened at 2:8", e2.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_substitution_fails_at_load_time()
    {
        using var dir = new TempDirectory();
        var reference = dir.Write("reference.conf", Reference);
        var user = dir.Write("user.conf", "actorstream.seed.host = ${SEED_HOST}");
        var e = Assert.Throws<ConfigurationException>(() => new NodeConfigLoader(new Dictionary<string, string>()).Load(reference, user));
        Assert.Contains("${SEED_HOST}", e.Message, StringComparison.Ordinal);
        Assert.Contains("user.conf:1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_override_path_is_reported_with_its_flag()
    {
        var e = Assert.Throws<ConfigurationException>(() => NodeConfigLoader.FromOverrides([new ConfigOverride("a..b", "1", "flag --x")]));
        Assert.StartsWith("flag --x: invalid setting path 'a..b'", e.Message, StringComparison.Ordinal);
    }
}
