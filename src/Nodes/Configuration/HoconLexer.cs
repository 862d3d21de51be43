using System.Globalization;
using System.Text;

namespace ActorStream.Nodes.Configuration;

/// <summary>
/// Turns HOCON text into tokens on demand. Whitespace and newlines are tokens because HOCON gives
/// them meaning (newline separates fields; spaces inside a value concatenation are kept).
/// Comments are dropped here. Every loop advances, so no input can make it spin.
/// </summary>
internal sealed class HoconLexer
{
    private readonly string _text;
    private readonly string _source;
    private int _pos;
    private int _line = 1;
    private int _column = 1;

    public HoconLexer(string text, string source)
    {
        _text = text;
        _source = source;
        if (_text.Length > 0 && _text[0] == '\uFEFF') _pos = 1;
    }

    /// <summary>Characters that end an unquoted string (HOCON reserves some of them for future use).</summary>
    public static bool IsForbiddenInUnquoted(char c) => c is '$' or '"' or '{' or '}' or '[' or ']' or ':' or '='
        or ',' or '+' or '#' or '`' or '^' or '?' or '!' or '@' or '*' or '&' or '\\';

    private static bool IsHorizontalWhitespace(char c) => c != '\n' && (char.IsWhiteSpace(c) || c == '\uFEFF');

    public HoconToken Next()
    {
        while (true)
        {
            if (_pos >= _text.Length) return new(HoconTokenKind.End, "", _line, _column);
            var c = _text[_pos];
            var line = _line;
            var column = _column;

            if (c == '#' || (c == '/' && Peek(1) == '/'))
            {
                while (_pos < _text.Length && _text[_pos] != '\n') Advance();
                continue;
            }
            if (c == '\n')
            {
                Advance();
                return new(HoconTokenKind.Newline, "\n", line, column);
            }
            if (IsHorizontalWhitespace(c))
            {
                var start = _pos;
                while (_pos < _text.Length && IsHorizontalWhitespace(_text[_pos])) Advance();
                return new(HoconTokenKind.Whitespace, _text[start.._pos], line, column);
            }

            switch (c)
            {
                case '{': Advance(); return new(HoconTokenKind.OpenBrace, "{", line, column);
                case '}': Advance(); return new(HoconTokenKind.CloseBrace, "}", line, column);
                case '[': Advance(); return new(HoconTokenKind.OpenBracket, "[", line, column);
                case ']': Advance(); return new(HoconTokenKind.CloseBracket, "]", line, column);
                case ',': Advance(); return new(HoconTokenKind.Comma, ",", line, column);
                case ':': Advance(); return new(HoconTokenKind.Colon, ":", line, column);
                case '=': Advance(); return new(HoconTokenKind.Equals, "=", line, column);
                case '+':
                    if (Peek(1) != '=') throw Error(line, column, "unexpected '+' (did you mean '+='?)");
                    Advance();
                    Advance();
                    return new(HoconTokenKind.PlusEquals, "+=", line, column);
                case '"':
                    return Peek(1) == '"' && Peek(2) == '"' ? ReadTripleQuoted(line, column) : ReadQuoted(line, column);
                case '$':
                    return ReadSubstitution(line, column);
            }

            if (IsForbiddenInUnquoted(c))
            {
                throw Error(line, column, $"unexpected character '{c}' (quote the string if it is part of a value)");
            }
            return ReadUnquoted(line, column);
        }
    }

    private HoconToken ReadUnquoted(int line, int column)
    {
        var start = _pos;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (IsForbiddenInUnquoted(c) || char.IsWhiteSpace(c) || c == '\uFEFF' || (c == '/' && Peek(1) == '/')) break;
            Advance();
        }
        return new(HoconTokenKind.Unquoted, _text[start.._pos], line, column);
    }

    private HoconToken ReadQuoted(int line, int column)
    {
        Advance(); // opening quote
        var value = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length) throw Error(line, column, "unterminated string: no closing '\"' before end of file");
            var c = _text[_pos];
            if (c == '"')
            {
                Advance();
                return new(HoconTokenKind.QuotedString, value.ToString(), line, column);
            }
            if (c == '\n') throw Error(_line, _column, $"unterminated string started at {line}:{column}: a quoted string cannot span lines (use \"\"\")");
            if (c == '\\')
            {
                var escLine = _line;
                var escColumn = _column;
                Advance();
                if (_pos >= _text.Length) throw Error(line, column, "unterminated string: no closing '\"' before end of file");
                var e = _text[_pos];
                Advance();
                switch (e)
                {
                    case '"': value.Append('"'); break;
                    case '\\': value.Append('\\'); break;
                    case '/': value.Append('/'); break;
                    case 'b': value.Append('\b'); break;
                    case 'f': value.Append('\f'); break;
                    case 'n': value.Append('\n'); break;
                    case 'r': value.Append('\r'); break;
                    case 't': value.Append('\t'); break;
                    case 'u':
                        if (_pos + 4 > _text.Length
                            || !ushort.TryParse(_text.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        {
                            throw Error(escLine, escColumn, "\\u must be followed by four hex digits");
                        }
                        for (var i = 0; i < 4; i++) Advance();
                        value.Append((char)code);
                        break;
                    default:
                        throw Error(escLine, escColumn, $"invalid escape '\\{e}' in a quoted string");
                }
                continue;
            }
            value.Append(c);
            Advance();
        }
    }

    private HoconToken ReadTripleQuoted(int line, int column)
    {
        for (var i = 0; i < 3; i++) Advance();
        var start = _pos;
        var end = _text.IndexOf("\"\"\"", _pos, StringComparison.Ordinal);
        if (end < 0) throw Error(line, column, "unterminated triple-quoted string: no closing \"\"\" before end of file");
        // Quotes just before the closing """ belong to the string ("""a""""" is a"").
        while (end + 3 < _text.Length && _text[end + 3] == '"') end++;
        while (_pos < end) Advance();
        var value = _text[start..end];
        for (var i = 0; i < 3; i++) Advance();
        return new(HoconTokenKind.QuotedString, value, line, column);
    }

    private HoconToken ReadSubstitution(int line, int column)
    {
        if (Peek(1) != '{') throw Error(line, column, "unexpected '$' (a substitution is written ${path})");
        Advance();
        Advance();
        var optional = false;
        if (_pos < _text.Length && _text[_pos] == '?')
        {
            optional = true;
            Advance();
        }
        var start = _pos;
        var inQuotes = false;
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
            {
                throw Error(line, column, "unterminated substitution: expected '}' on the same line");
            }
            var c = _text[_pos];
            if (inQuotes && c == '\\' && _pos + 1 < _text.Length && _text[_pos + 1] != '\n')
            {
                Advance();
            }
            else if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (c == '}' && !inQuotes)
            {
                break;
            }
            Advance();
        }
        var pathText = _text[start.._pos].Trim();
        Advance(); // closing brace
        if (!HoconPath.TryParse(pathText, out _, out var error))
        {
            throw Error(line, column, $"invalid substitution path '{pathText}': {error}");
        }
        return new(HoconTokenKind.Substitution, pathText, line, column, optional);
    }

    private char Peek(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private void Advance()
    {
        if (_text[_pos] == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }
        _pos++;
    }

    private ConfigurationException Error(int line, int column, string reason) => ConfigurationException.At(_source, line, column, reason);
}
