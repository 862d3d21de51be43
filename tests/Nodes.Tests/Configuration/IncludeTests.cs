using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Tests.Configuration;

public sealed class IncludeTests
{
    private static readonly Dictionary<string, string> NoEnv = [];

    [Fact]
    public void Include_merges_a_file_relative_to_the_including_file()
    {
        using var dir = new TempDirectory();
        dir.Write("conf/common.conf", "shared { a = 1, b = 2 }");
        dir.Write("conf/sub/more.conf", "more = yes");
        var main = dir.Write("conf/main.conf", """
            include "common.conf"
            include file("sub/more.conf")
            shared.b = 3
            """);

        var c = ConfigurationFactory.ParseFile(main, environment: NoEnv);

        Assert.Equal(1, c.GetInt("shared.a"));
        Assert.Equal(3, c.GetInt("shared.b"));
        Assert.True(c.GetBoolean("more"));
        Assert.EndsWith(Path.Combine("conf", "common.conf") + ":1", c.GetOrigin("shared.a")!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Include_inside_an_object_lands_under_that_object()
    {
        using var dir = new TempDirectory();
        dir.Write("inner.conf", "x = 1\nlist = [a]\nlist += b");
        var main = dir.Write("main.conf", "outer { include required(file(\"inner.conf\")) }");

        var c = ConfigurationFactory.ParseFile(main, environment: NoEnv);

        Assert.Equal(1, c.GetInt("outer.x"));
        Assert.Equal(["a", "b"], c.GetStringList("outer.list"));
    }

    [Fact]
    public void Missing_include_is_an_error_naming_the_file_and_line()
    {
        using var dir = new TempDirectory();
        var main = dir.Write("main.conf", "a = 1\ninclude \"nope.conf\"\n");

        var e = Assert.Throws<ConfigurationException>(() => ConfigurationFactory.ParseFile(main));

        Assert.Contains("main.conf:2:1:", e.Message, StringComparison.Ordinal);
        Assert.Contains("nope.conf", e.Message, StringComparison.Ordinal);
        Assert.Contains("not found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Include_cycle_is_reported_not_followed()
    {
        using var dir = new TempDirectory();
        dir.Write("a.conf", "include \"b.conf\"\nx = 1");
        dir.Write("b.conf", "include \"a.conf\"\ny = 1");

        var e = Assert.Throws<ConfigurationException>(() => ConfigurationFactory.ParseFile(Path.Combine(dir.Path, "a.conf")));

        Assert.Contains("include cycle: a.conf -> b.conf -> a.conf", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Include_depth_is_limited()
    {
        using var dir = new TempDirectory();
        for (var i = 0; i < 10; i++) dir.Write($"f{i}.conf", $"include \"f{i + 1}.conf\"\nv{i} = {i}");
        dir.Write("f10.conf", "end = true");
        var limits = HoconLimits.Default with { MaxIncludeDepth = 5 };

        var e = Assert.Throws<ConfigurationException>(() => ConfigurationFactory.ParseFile(Path.Combine(dir.Path, "f0.conf"), limits));
        Assert.Contains("includes nested deeper than 5", e.Message, StringComparison.Ordinal);

        // The same chain is fine under the default limit.
        var ok = ConfigurationFactory.ParseFile(Path.Combine(dir.Path, "f0.conf"), environment: NoEnv);
        Assert.True(ok.GetBoolean("end"));
        Assert.Equal(9, ok.GetInt("v9"));
    }

    [Fact]
    public void Unsupported_include_kinds_are_rejected()
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigurationFactory.ParseString("include classpath(\"x.conf\")"));
        Assert.Contains("unsupported include", e.Message, StringComparison.Ordinal);
    }
}
