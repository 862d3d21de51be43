using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Tests.Configuration;

public sealed class SubstitutionTests
{
    private static Config Parse(string text, Dictionary<string, string>? env = null) =>
        ConfigurationFactory.ParseString(text, "subst.conf", HoconLimits.Default, env ?? new Dictionary<string, string>()).Resolve();

    [Fact]
    public void Substitution_takes_a_value_from_elsewhere_in_the_tree()
    {
        var c = Parse("""
            base { port = 4053, host = "10.0.0.1" }
            port = ${base.port}
            address = ${base.host}":"${base.port}
            copy = ${base}
            """);
        Assert.Equal(4053, c.GetInt("port"));
        Assert.Equal(HoconScalarKind.Number, ((HoconScalar)c.GetValue("port")!).Kind);
        Assert.Equal("10.0.0.1:4053", c.GetString("address"));
        Assert.Equal("10.0.0.1", c.GetString("copy.host"));
    }

    [Fact]
    public void Substitution_sees_the_final_value_even_when_defined_later()
    {
        var c = Parse("a = ${b}\nb = 1\nb = 2");
        Assert.Equal(2, c.GetInt("a"));
    }

    [Fact]
    public void Object_substitution_merges_with_an_object_after_it()
    {
        var c = Parse("""
            default { throughput = 30, type = pinned }
            fast = ${default} { throughput = 5 }
            """);
        Assert.Equal(5, c.GetInt("fast.throughput"));
        Assert.Equal("pinned", c.GetString("fast.type"));
        Assert.Equal(30, c.GetInt("default.throughput"));
    }

    [Fact]
    public void Self_reference_appends_to_the_earlier_value()
    {
        var c = Parse("""
            path = [a]
            path = ${path} [b]
            path = ${path} [c]
            name = first
            name = ${name}"-second"
            """);
        Assert.Equal(["a", "b", "c"], c.GetStringList("path"));
        Assert.Equal("first-second", c.GetString("name"));
    }

    [Fact]
    public void Self_reference_sees_the_value_from_a_fallback_config()
    {
        var reference = ConfigurationFactory.ParseString("list = [1, 2]", "reference.conf", HoconLimits.Default, new Dictionary<string, string>());
        var user = ConfigurationFactory.ParseString("list = ${list} [3]", "user.conf", HoconLimits.Default, new Dictionary<string, string>());

        var c = user.WithFallback(reference).Resolve();

        Assert.Equal(["1", "2", "3"], c.GetStringList("list"));
    }

    [Fact]
    public void User_file_can_refer_to_reference_values()
    {
        var reference = ConfigurationFactory.ParseString("timeouts.base = 2s", "reference.conf", HoconLimits.Default, new Dictionary<string, string>());
        var user = ConfigurationFactory.ParseString("ask = ${timeouts.base}", "user.conf", HoconLimits.Default, new Dictionary<string, string>());

        Assert.Equal(TimeSpan.FromSeconds(2), user.WithFallback(reference).GetTimeSpan("ask"));
    }

    [Fact]
    public void Optional_substitution_falls_back_to_the_passed_environment()
    {
        var env = new Dictionary<string, string> { ["HOST_NAME"] = "camera-1" };
        var c = Parse("""
            host = localhost
            host = ${?HOST_NAME}
            port = 4053
            port = ${?NO_SUCH_VAR}
            label = ${HOST_NAME}
            """, env);
        Assert.Equal("camera-1", c.GetString("host"));
        Assert.Equal("env HOST_NAME", c.GetOrigin("host")!.ToString());
        Assert.Equal(4053, c.GetInt("port"));
        Assert.Equal("camera-1", c.GetString("label"));
    }

    [Fact]
    public void Undefined_optional_substitution_leaves_the_field_unset()
    {
        var c = Parse("a = ${?nowhere}\nb = [1, ${?nowhere}, 2]");
        Assert.False(c.HasPath("a"));
        Assert.Equal(["1", "2"], c.GetStringList("b"));
    }

    [Fact]
    public void Tree_values_win_over_environment_variables()
    {
        var c = Parse("HOME = from-tree\nh = ${HOME}", new Dictionary<string, string> { ["HOME"] = "/root" });
        Assert.Equal("from-tree", c.GetString("h"));
    }

    [Fact]
    public void Missing_required_substitution_is_an_error_naming_it_and_its_line()
    {
        var e = Assert.Throws<ConfigurationException>(() => Parse("a = 1\nb = ${missing.key}"));
        Assert.Contains("subst.conf:2", e.Message, StringComparison.Ordinal);
        Assert.Contains("${missing.key}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Substitution_cycle_is_an_error_not_a_hang()
    {
        var e = Assert.Throws<ConfigurationException>(() => Parse("a = ${b}\nb = ${c}\nc = ${a}"));
        Assert.Contains("substitution cycle", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Concatenating_a_list_with_a_string_is_an_error()
    {
        var e = Assert.Throws<ConfigurationException>(() => Parse("l = [1]\nx = ${l} foo"));
        Assert.Contains("cannot concatenate", e.Message, StringComparison.Ordinal);
        Assert.Contains("subst.conf:2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unresolved_config_resolves_lazily_on_first_read()
    {
        var c = ConfigurationFactory.ParseString("a = ${b}\nb = 7", "lazy.conf", HoconLimits.Default, new Dictionary<string, string>());
        Assert.False(c.UnresolvedRoot.IsResolved);
        Assert.Equal(7, c.GetInt("a"));
    }
}
