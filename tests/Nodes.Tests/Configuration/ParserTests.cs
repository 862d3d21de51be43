using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Tests.Configuration;

public sealed class ParserTests
{
    private static readonly Dictionary<string, string> NoEnv = [];

    private static Config Parse(string text) => ConfigurationFactory.ParseString(text, "test.conf", HoconLimits.Default, NoEnv);

    [Fact]
    public void Separators_equals_colon_and_none_before_brace_are_accepted()
    {
        var c = Parse("a = 1\nb : 2\nc { d = 3 }\ne: { f = 4 }");
        Assert.Equal(1, c.GetInt("a"));
        Assert.Equal(2, c.GetInt("b"));
        Assert.Equal(3, c.GetInt("c.d"));
        Assert.Equal(4, c.GetInt("e.f"));
    }

    [Fact]
    public void Root_braces_are_optional()
    {
        Assert.Equal("x", Parse("{ a = x }").GetString("a"));
        Assert.Equal("x", Parse("a = x").GetString("a"));
        Assert.True(Parse("").IsEmpty);
        Assert.True(Parse("# only a comment\n").IsEmpty);
    }

    [Fact]
    public void Dotted_keys_and_nested_objects_build_the_same_tree()
    {
        var dotted = Parse("a.b.c = 1\na.b.d = 2");
        var nested = Parse("a { b { c = 1, d = 2 } }");
        Assert.True(dotted.Root.ContentEquals(nested.Root));
        Assert.Equal(2, dotted.GetInt("a.b.d"));
    }

    [Fact]
    public void Quoted_keys_keep_their_dots_and_spaces()
    {
        var c = Parse("\"a.b\" = 1\nx.\"y z\".w = 2\n\"\" = empty");
        Assert.Equal(1, c.GetInt("\"a.b\""));
        Assert.False(c.HasPath("a.b"));
        Assert.Equal(2, c.GetInt("x.\"y z\".w"));
        Assert.Equal("empty", c.GetString("\"\""));
    }

    [Fact]
    public void Duplicate_keys_merge_objects_and_later_scalars_win()
    {
        var c = Parse("""
            a { x = 1, y = 2 }
            a { y = 3, z = 4 }
            b = 1
            b = 2
            c { x = 1 }
            c = 5
            d = 5
            d { x = 1 }
            """);
        Assert.Equal(1, c.GetInt("a.x"));
        Assert.Equal(3, c.GetInt("a.y"));
        Assert.Equal(4, c.GetInt("a.z"));
        Assert.Equal(2, c.GetInt("b"));
        Assert.Equal(5, c.GetInt("c"));
        Assert.Equal(1, c.GetInt("d.x"));
    }

    [Fact]
    public void Arrays_accept_commas_newlines_and_trailing_commas()
    {
        var c = Parse("""
            a = [1, 2, "x"]
            b = [
              one
              two,
              "three",
            ]
            c = []
            d = [[1, 2], [3]]
            e = [{ x = 1 }, { x = 2 }]
            """);
        Assert.Equal(["1", "2", "x"], c.GetStringList("a"));
        Assert.Equal(["one", "two", "three"], c.GetStringList("b"));
        Assert.Empty(c.GetStringList("c"));
        var d = Assert.IsType<HoconArray>(c.GetValue("d"));
        Assert.Equal(2, d.Items.Count);
        var e = Assert.IsType<HoconArray>(c.GetValue("e"));
        Assert.Equal("2", ((HoconScalar)((HoconObject)e.Items[1]).Fields["x"]).Text);
    }

    [Fact]
    public void Comments_hash_and_double_slash_are_ignored_but_not_inside_strings()
    {
        var c = Parse("""
            # a comment
            a = 1 # trailing
            // another
            b = "not # a comment" // trailing
            c = a/b/c // a single slash stays, a double one starts a comment
            """);
        Assert.Equal(1, c.GetInt("a"));
        Assert.Equal("not # a comment", c.GetString("b"));
        Assert.Equal("a/b/c", c.GetString("c"));
    }

    [Fact]
    public void Quoted_strings_decode_json_escapes()
    {
        var c = Parse("""a = "tab\there \"q\" back\\slash \u00e9 \n end" """);
        Assert.Equal("tab\there \"q\" back\\slash \u00e9 \n end", c.GetString("a"));
    }

    [Fact]
    public void Triple_quoted_strings_span_lines_without_escapes()
    {
        var c = Parse("a = \"\"\"line one\nline \\two \"quoted\"\"\"\"\nb = 2");
        Assert.Equal("line one\nline \\two \"quoted\"", c.GetString("a"));
        Assert.Equal(2, c.GetInt("b"));
    }

    [Fact]
    public void Unquoted_values_on_one_line_concatenate_with_their_spaces()
    {
        var c = Parse("a = foo bar  baz\nb = 10 s\nc = \"quoted\" and unquoted\nd = 1.5\ne = -3");
        Assert.Equal("foo bar  baz", c.GetString("a"));
        Assert.Equal(TimeSpan.FromSeconds(10), c.GetTimeSpan("b"));
        Assert.Equal("quoted and unquoted", c.GetString("c"));
        Assert.Equal(HoconScalarKind.Number, ((HoconScalar)c.GetValue("d")!).Kind);
        Assert.Equal(-3, c.GetInt("e"));
    }

    [Fact]
    public void Null_booleans_and_numbers_are_recognised()
    {
        var c = Parse("n = null\nt = true\nf = false\nyes = yes\noff = off\ni = 42\nx = 1e3\ns = \"42\"");
        Assert.False(c.HasPath("n"));
        Assert.Equal("fallback", c.GetString("n", "fallback"));
        Assert.True(c.GetBoolean("t"));
        Assert.False(c.GetBoolean("f"));
        Assert.True(c.GetBoolean("yes"));
        Assert.False(c.GetBoolean("off"));
        Assert.Equal(42L, c.GetLong("i"));
        Assert.Equal(1000.0, c.GetDouble("x"));
        Assert.Equal(HoconScalarKind.String, ((HoconScalar)c.GetValue("s")!).Kind);
        Assert.Equal(42, c.GetInt("s"));
        Assert.Equal(HoconScalarKind.Boolean, ((HoconScalar)c.GetValue("t")!).Kind);
    }

    [Fact]
    public void Values_remember_file_and_line()
    {
        var c = Parse("a {\n  b = 1\n\n  c = [x]\n}");
        Assert.Equal(new ConfigOrigin("test.conf", 2), c.GetOrigin("a.b"));
        Assert.Equal("test.conf:4", c.GetOrigin("a.c")!.ToString());
    }

    [Fact]
    public void Plus_equals_appends_to_a_list()
    {
        var c = Parse("a = [1]\na += 2\na += 3\nb += x");
        Assert.Equal(["1", "2", "3"], c.GetStringList("a"));
        Assert.Equal(["x"], c.GetStringList("b"));
    }

    [Fact]
    public void Include_keyword_used_as_a_key_is_a_plain_key()
    {
        var c = Parse("include = 5");
        Assert.Equal(5, c.GetInt("include"));
    }
}
