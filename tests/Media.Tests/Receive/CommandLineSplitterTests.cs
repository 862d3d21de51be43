using ActorStream.Media.Receive;

namespace ActorStream.Media.Tests.Receive;

public sealed class CommandLineSplitterTests
{
    [Theory]
    [InlineData("ffplay -", new[] { "ffplay", "-" })]
    [InlineData("  ffplay   -fflags  nobuffer  - ", new[] { "ffplay", "-fflags", "nobuffer", "-" })]
    [InlineData("ffmpeg -i - -f framecrc '/tmp/my dir/out.txt'", new[] { "ffmpeg", "-i", "-", "-f", "framecrc", "/tmp/my dir/out.txt" })]
    [InlineData("vlc \"a \\\"quoted\\\" title\"", new[] { "vlc", "a \"quoted\" title" })]
    [InlineData("echo 'it'\\''s'", new[] { "echo", "it's" })]
    [InlineData("echo a\\ b", new[] { "echo", "a b" })]
    [InlineData("echo \"\" ''", new[] { "echo", "", "" })]
    [InlineData("echo \"C:\\path\"", new[] { "echo", "C:\\path" })]
    [InlineData("echo pre\"mid dle\"post", new[] { "echo", "premid dlepost" })]
    public void Splits_like_a_shell_without_expanding(string line, string[] expected) =>
        Assert.Equal(expected, CommandLineSplitter.Split(line));

    [Fact]
    public void Shell_syntax_is_kept_literally_not_interpreted()
    {
        // No pipes, redirections, variables or globs: a player command can only ever run its one program.
        Assert.Equal(["ffplay", "$HOME", "*.ts", "|", "rm", ">", "x;", "`id`"], CommandLineSplitter.Split("ffplay $HOME *.ts | rm > x; `id`"));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("'' -", "empty")]
    [InlineData("ffplay 'open", "single quote at position 8 is not closed")]
    [InlineData("ffplay \"open", "double quote at position 8 is not closed")]
    [InlineData("ffplay \\", "lone backslash")]
    [InlineData("ffplay\u0000-", "control character")]
    public void Bad_lines_are_refused(string line, string expected)
    {
        Assert.False(CommandLineSplitter.TrySplit(line, out var argv, out var error));
        Assert.Null(argv);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Size_limits_hold()
    {
        Assert.False(CommandLineSplitter.TrySplit(new string('a', CommandLineSplitter.MaxLength + 1), out _, out var tooLong));
        Assert.Contains("characters long", tooLong, StringComparison.Ordinal);
        var many = string.Join(' ', Enumerable.Repeat("x", CommandLineSplitter.MaxArguments + 1));
        Assert.False(CommandLineSplitter.TrySplit(many, out _, out var tooMany));
        Assert.Contains("more than", tooMany, StringComparison.Ordinal);
        Assert.True(CommandLineSplitter.TrySplit(string.Join(' ', Enumerable.Repeat("x", CommandLineSplitter.MaxArguments)), out var fits, out _));
        Assert.Equal(CommandLineSplitter.MaxArguments, fits.Count);
    }
}
