using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Tests.Configuration;

public sealed class RenderTests
{
    private const string Sample = """
        actorstream {
          actor {
            default-dispatcher.throughput = 30
            ask-timeout = 5s
            ratio = 1.5
            enabled = true
            nothing = null
          }
          "quoted.key" = "line\nbreak \"and\" tab\t\u0001"
          include-me { include = "as a key" }
          list = [1, "two", [3, 4], { five = 5 }]
          empty {}
          emptylist = []
          "" = "empty key"
          ref = ${actorstream.actor.ask-timeout}
        }
        """;

    [Fact]
    public void Render_parses_back_to_an_equal_tree()
    {
        var original = ConfigurationFactory.ParseString(Sample, "sample.conf", HoconLimits.Default, new Dictionary<string, string>());

        var rendered = original.Render();
        var reparsed = ConfigurationFactory.ParseString(rendered, "rendered.conf", HoconLimits.Default, new Dictionary<string, string>());

        Assert.True(original.Root.ContentEquals(reparsed.Root), rendered);
        Assert.Equal("5s", reparsed.GetString("actorstream.ref"));
        Assert.Equal(HoconScalarKind.Number, ((HoconScalar)reparsed.GetValue("actorstream.actor.ratio")!).Kind);
    }

    [Fact]
    public void Render_with_origins_names_where_each_value_came_from()
    {
        var c = ConfigurationFactory.ParseString("a {\n  b = 1\n}", "seed.conf", HoconLimits.Default, new Dictionary<string, string>());

        var rendered = c.Render(includeOrigins: true);

        Assert.Contains("# seed.conf:2\n  b = 1", rendered, StringComparison.Ordinal);
        Assert.True(c.Root.ContentEquals(ConfigurationFactory.ParseString(rendered).Root));
    }

    [Fact]
    public void Content_equality_notices_differences()
    {
        var a = ConfigurationFactory.ParseString("x = 1\ny = [1, 2]").Root;
        Assert.False(a.ContentEquals(ConfigurationFactory.ParseString("x = 1\ny = [1, 3]").Root));
        Assert.False(a.ContentEquals(ConfigurationFactory.ParseString("x = \"1\"\ny = [1, 2]").Root));
        Assert.False(a.ContentEquals(ConfigurationFactory.ParseString("x = 1").Root));
        Assert.True(a.ContentEquals(ConfigurationFactory.ParseString("y = [1, 2]\nx = 1").Root));
    }

    [Fact]
    public void To_string_renders_even_an_unresolvable_config()
    {
        var c = ConfigurationFactory.ParseString("a = ${missing}", "x.conf", HoconLimits.Default, new Dictionary<string, string>());
        Assert.Contains("a = ${missing}", c.ToString(), StringComparison.Ordinal);
    }
}
