using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Tests.Configuration;

public sealed class ConfigGetterTests
{
    private static Config Parse(string text, string origin = "hocon/seed.conf") =>
        ConfigurationFactory.ParseString(text, origin, HoconLimits.Default, new Dictionary<string, string>());

    [Fact]
    public void Wrong_type_names_origin_key_and_expectation()
    {
        var c = Parse(string.Concat(Enumerable.Repeat("\n", 11)) + "actorstream.seed.port = abc");
        var e = Assert.Throws<ConfigurationException>(() => c.GetInt("actorstream.seed.port"));
        Assert.Equal("hocon/seed.conf:12: actorstream.seed.port: expected an integer, got \"abc\"", e.Message);
    }

    [Fact]
    public void Sub_config_errors_still_name_the_full_key()
    {
        var c = Parse("actorstream {\n  actor {\n    throughput = lots\n  }\n}").GetConfig("actorstream").GetConfig("actor");
        var e = Assert.Throws<ConfigurationException>(() => c.GetInt("throughput"));
        Assert.Equal("hocon/seed.conf:3: actorstream.actor.throughput: expected an integer, got \"lots\"", e.Message);
    }

    [Fact]
    public void Other_type_errors_describe_what_they_got()
    {
        var c = Parse("o { x = 1 }\nl = [1]\nbig = 3000000000\nf = 1.5\nb = maybe\nnested = [[1]]");
        Assert.Contains("o: expected a single value, got an object", Assert.Throws<ConfigurationException>(() => c.GetString("o")).Message, StringComparison.Ordinal);
        Assert.Contains("l: expected a single value, got a list", Assert.Throws<ConfigurationException>(() => c.GetInt("l")).Message, StringComparison.Ordinal);
        Assert.Contains("big: expected an integer between", Assert.Throws<ConfigurationException>(() => c.GetInt("big")).Message, StringComparison.Ordinal);
        Assert.Equal(3_000_000_000L, c.GetLong("big"));
        Assert.Contains("f: expected an integer, got the number 1.5", Assert.Throws<ConfigurationException>(() => c.GetInt("f")).Message, StringComparison.Ordinal);
        Assert.Contains("b: expected a boolean", Assert.Throws<ConfigurationException>(() => c.GetBoolean("b")).Message, StringComparison.Ordinal);
        Assert.Contains("f: expected a list of strings", Assert.Throws<ConfigurationException>(() => c.GetStringList("f")).Message, StringComparison.Ordinal);
        Assert.Contains("nested[0]: expected a string, got a list", Assert.Throws<ConfigurationException>(() => c.GetStringList("nested")).Message, StringComparison.Ordinal);
        Assert.Contains("f: expected an object", Assert.Throws<ConfigurationException>(() => c.GetConfig("f")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_keys_use_defaults_or_throw()
    {
        var c = Parse("a = 1");
        Assert.Equal(9, c.GetInt("nope", 9));
        Assert.Equal("d", c.GetString("x.y", "d"));
        Assert.True(c.GetBoolean("flag", true));
        Assert.Equal(2.5, c.GetDouble("ratio", 2.5));
        Assert.Equal(["z"], c.GetStringList("list", ["z"]));
        var e = Assert.Throws<ConfigurationException>(() => c.GetInt("nope"));
        Assert.Equal("No configuration setting found for key 'nope'", e.Message);
        Assert.False(c.HasPath("a.b"));
        Assert.True(c.GetConfig("missing").IsEmpty);
    }

    [Fact]
    public void With_fallback_prefers_the_receiver_and_merges_objects()
    {
        var reference = Parse("a { x = 1, y = 2 }\nonlyref = r", "reference.conf");
        var user = Parse("a { y = 20, z = 30 }", "user.conf");

        var c = user.WithFallback(reference);

        Assert.Equal(1, c.GetInt("a.x"));
        Assert.Equal(20, c.GetInt("a.y"));
        Assert.Equal(30, c.GetInt("a.z"));
        Assert.Equal("r", c.GetString("onlyref"));
        Assert.Equal("user.conf:1", c.GetOrigin("a.y")!.ToString());
        Assert.Equal("reference.conf:1", c.GetOrigin("a.x")!.ToString());
        // Inputs are untouched.
        Assert.Equal(2, reference.GetInt("a.y"));
        Assert.False(user.HasPath("a.x"));
        Assert.Same(user, user.WithFallback(Config.Empty));
        Assert.Equal(1, Config.Empty.WithFallback(reference).GetInt("a.x"));
    }

    [Fact]
    public void Scalar_in_receiver_replaces_object_in_fallback()
    {
        var c = Parse("a = off").WithFallback(Parse("a { x = 1 }"));
        Assert.False(c.GetBoolean("a"));
        Assert.False(c.HasPath("a.x"));
    }

    [Fact]
    public void Get_config_reads_relative_paths()
    {
        var c = Parse("actorstream.actor { ask-timeout = 5s, default-dispatcher.throughput = 30 }");
        var actor = c.GetConfig("actorstream.actor");
        Assert.Equal(TimeSpan.FromSeconds(5), actor.GetTimeSpan("ask-timeout"));
        Assert.Equal(30, actor.GetInt("default-dispatcher.throughput"));
        Assert.Equal("actorstream.actor", actor.Prefix.ToString());
    }

    [Fact]
    public void Invalid_path_in_a_getter_is_a_configuration_error()
    {
        var c = Parse("a = 1");
        Assert.Throws<ConfigurationException>(() => c.GetInt("a..b"));
        Assert.Throws<ConfigurationException>(() => c.GetInt(""));
    }
}
