namespace ActorStream.Nodes.Configuration;

/// <summary>The kinds of token the HOCON lexer produces.</summary>
internal enum HoconTokenKind
{
    End,
    Newline,
    Whitespace,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    Comma,
    Colon,
    Equals,
    PlusEquals,
    QuotedString,
    Unquoted,
    Substitution,
}
