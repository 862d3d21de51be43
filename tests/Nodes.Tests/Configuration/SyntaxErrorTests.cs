using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Tests.Configuration;

public sealed class SyntaxErrorTests
{
    private static string ErrorOf(string text) =>
        Assert.Throws<ConfigurationException>(() => ConfigurationFactory.ParseString(text, "seed.conf")).Message;

    [Fact]
    public void Unclosed_object_names_where_it_was_opened_and_where_input_ended()
    {
        var message = ErrorOf("# header\n\nactorstream {\n  seed {\n    port = 4053\n  }\n  x = 1");
        Assert.Equal("seed.conf:7:8: expected '}' to close the object opened at 3:13, found end of file", message);
    }

    [Fact]
    public void Unclosed_list_is_reported_with_its_opening()
    {
        Assert.Equal("seed.conf:2:1: expected ']' to close the list opened at 1:5, found end of file", ErrorOf("a = [1, 2\n"));
    }

    [Fact]
    public void Missing_separator_after_a_key()
    {
        Assert.Equal("seed.conf:2:5: expected '=', ':' or '{' after the key 'b', found a new line", ErrorOf("a = 1\nb   \n"));
    }

    [Fact]
    public void Missing_value_after_equals()
    {
        Assert.Equal("seed.conf:1:4: expected a value for 'a', found a new line", ErrorOf("a =\n"));
        Assert.Equal("seed.conf:1:9: expected a value for 'x.y', found '}'", ErrorOf("x { y = }"));
    }

    [Fact]
    public void Garbage_after_a_value_is_reported()
    {
        Assert.Equal("seed.conf:1:7: expected ',' or a new line after the value of 'a', found '='", ErrorOf("a = 1 = 2"));
    }

    [Fact]
    public void Unterminated_strings_point_at_their_start()
    {
        Assert.Equal("seed.conf:2:5: unterminated string: no closing '\"' before end of file", ErrorOf("a = 1\nb = \"abc"));
        Assert.StartsWith("seed.conf:1:9: unterminated string started at 1:5", ErrorOf("a = \"abc\nb = 2"), StringComparison.Ordinal);
        Assert.StartsWith("seed.conf:1:5: unterminated triple-quoted string", ErrorOf("a = \"\"\"abc\n\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_escape_and_reserved_characters_are_reported()
    {
        Assert.Equal("seed.conf:1:7: invalid escape '\\q' in a quoted string", ErrorOf("a = \"x\\q\""));
        Assert.StartsWith("seed.conf:1:5: unexpected character '@'", ErrorOf("a = @x"), StringComparison.Ordinal);
        Assert.StartsWith("seed.conf:1:5: unexpected '$'", ErrorOf("a = $x"), StringComparison.Ordinal);
        Assert.StartsWith("seed.conf:1:5: unterminated substitution", ErrorOf("a = ${x\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Stray_closing_brace_and_bad_keys()
    {
        Assert.Equal("seed.conf:2:1: unexpected '}': no object is open here", ErrorOf("a = 1\n}"));
        Assert.StartsWith("seed.conf:1:1: empty key in 'a..b'", ErrorOf("a..b = 1"), StringComparison.Ordinal);
        Assert.Equal("seed.conf:1:1: a configuration must be an object, not a list", ErrorOf("[1, 2]"));
        Assert.Equal("seed.conf:1:7: unexpected ',': expected a key", ErrorOf("a = 1,,"));
    }
}
