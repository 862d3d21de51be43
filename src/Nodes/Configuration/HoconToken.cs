namespace ActorStream.Nodes.Configuration;

/// <summary>
/// One token with the 1-based line and column where it starts. For strings <see cref="Text"/> is the
/// decoded value; for a substitution it is the path text between <c>${</c> and <c>}</c>.
/// </summary>
internal readonly record struct HoconToken(HoconTokenKind Kind, string Text, int Line, int Column, bool Optional = false)
{
    /// <summary>How the token is named in "found X" parts of error messages.</summary>
    public string Describe() => Kind switch
    {
        HoconTokenKind.End => "end of file",
        HoconTokenKind.Newline => "a new line",
        HoconTokenKind.Whitespace => "whitespace",
        HoconTokenKind.OpenBrace => "'{'",
        HoconTokenKind.CloseBrace => "'}'",
        HoconTokenKind.OpenBracket => "'['",
        HoconTokenKind.CloseBracket => "']'",
        HoconTokenKind.Comma => "','",
        HoconTokenKind.Colon => "':'",
        HoconTokenKind.Equals => "'='",
        HoconTokenKind.PlusEquals => "'+='",
        HoconTokenKind.QuotedString => $"the string \"{Shorten(Text)}\"",
        HoconTokenKind.Substitution => $"${{{Shorten(Text)}}}",
        _ => $"'{Shorten(Text)}'",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
