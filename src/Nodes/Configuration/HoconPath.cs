using System.Text;

namespace ActorStream.Nodes.Configuration;

/// <summary>
/// A dotted path (<c>a.b."c.d"</c>) as a list of keys. Quoted segments may contain dots,
/// which is why a path is kept as segments rather than as one string.
/// </summary>
public sealed class HoconPath : IEquatable<HoconPath>
{
    private readonly string[] _segments;

    public static HoconPath Root { get; } = new([]);

    public HoconPath(IEnumerable<string> segments) => _segments = segments.ToArray();

    public IReadOnlyList<string> Segments => _segments;

    public bool IsRoot => _segments.Length == 0;

    public HoconPath Append(string key) => new([.. _segments, key]);

    public HoconPath Append(HoconPath other) => new([.. _segments, .. other._segments]);

    /// <summary>Parses a path as written in a getter or a substitution; quotes keep dots inside a key.</summary>
    public static HoconPath Parse(string text)
    {
        if (TryParse(text, out var path, out var error)) return path;
        throw new ConfigurationException($"invalid path '{text}': {error}");
    }

    public static bool TryParse(string text, out HoconPath path, out string error)
    {
        path = Root;
        var segments = new List<string>();
        var current = new StringBuilder();
        var hasContent = false;
        var i = 0;
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            error = "the path is empty";
            return false;
        }

        while (i < trimmed.Length)
        {
            var c = trimmed[i];
            if (c == '.')
            {
                if (!hasContent)
                {
                    error = "empty key between dots (quote it: \"\")";
                    return false;
                }
                segments.Add(current.ToString());
                current.Clear();
                hasContent = false;
                i++;
            }
            else if (c == '"')
            {
                i++;
                var closed = false;
                while (i < trimmed.Length)
                {
                    var q = trimmed[i];
                    if (q == '"')
                    {
                        closed = true;
                        i++;
                        break;
                    }
                    if (q == '\\')
                    {
                        if (i + 1 >= trimmed.Length)
                        {
                            error = "unterminated escape";
                            return false;
                        }
                        var esc = trimmed[i + 1];
                        current.Append(esc switch
                        {
                            'n' => '\n',
                            't' => '\t',
                            'r' => '\r',
                            _ => esc,
                        });
                        i += 2;
                        continue;
                    }
                    current.Append(q);
                    i++;
                }
                if (!closed)
                {
                    error = "unterminated quoted key";
                    return false;
                }
                hasContent = true;
            }
            else if (HoconLexer.IsForbiddenInUnquoted(c) && c != '"')
            {
                error = $"'{c}' is not allowed in an unquoted key (quote the key)";
                return false;
            }
            else
            {
                current.Append(c);
                hasContent = true;
                i++;
            }
        }
        if (!hasContent)
        {
            error = "the path ends with a dot";
            return false;
        }
        segments.Add(current.ToString());
        path = new HoconPath(segments);
        error = "";
        return true;
    }

    /// <summary>True when the key can be written without quotes and reads back as one segment.</summary>
    public static bool IsSimpleKey(string key)
    {
        if (key.Length == 0 || key == "include") return false;
        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_')) return false;
        }
        return true;
    }

    public static string RenderKey(string key) => IsSimpleKey(key) ? key : HoconRenderer.Quote(key);

    public override string ToString() => string.Join('.', _segments.Select(RenderKey));

    public bool Equals(HoconPath? other) => other is not null && _segments.AsSpan().SequenceEqual(other._segments);

    public override bool Equals(object? obj) => Equals(obj as HoconPath);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var s in _segments) hash.Add(s, StringComparer.Ordinal);
        return hash.ToHashCode();
    }
}
