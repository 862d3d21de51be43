using System.Text;

namespace ActorStream.Nodes.Configuration;

/// <summary>
/// Recursive-descent parser from tokens to a value tree. Recursion depth is bounded by
/// <see cref="HoconLimits.MaxNestingDepth"/>, so deeply nested input is an error, not a stack overflow.
/// </summary>
internal sealed class HoconParser
{
    private readonly HoconLexer _lexer;
    private readonly string _source;
    private readonly HoconLimits _limits;
    private readonly HoconIncludeContext _include;
    private readonly List<HoconToken> _lookahead = [];
    private readonly ConfigOrigin? _fixedOrigin;

    /// <param name="fixedOrigin">When set, every value gets this origin instead of source:line (a value from a flag has no lines).</param>
    public HoconParser(string text, string source, HoconLimits limits, HoconIncludeContext include, ConfigOrigin? fixedOrigin = null)
    {
        _fixedOrigin = fixedOrigin;
        if (text.Length > limits.MaxInputChars)
        {
            throw new ConfigurationException($"{source}: the configuration is {text.Length} characters long; the limit is {limits.MaxInputChars}");
        }
        _lexer = new HoconLexer(text, source);
        _source = source;
        _limits = limits;
        _include = include;
    }

    /// <summary>Parses a whole document; <paramref name="prefix"/> is where it lands (non-root for includes).</summary>
    public HoconObject ParseDocument(HoconPath prefix)
    {
        SkipBlank();
        var first = Peek();
        HoconObject root;
        if (first.Kind == HoconTokenKind.OpenBrace)
        {
            Next();
            root = new HoconObject(OriginAt(first));
            ParseObjectBody(root, prefix, first, depth: 1);
            SkipBlank();
            var after = Peek();
            if (after.Kind != HoconTokenKind.End) throw Error(after, $"unexpected {after.Describe()} after the closing '}}' of the root object");
        }
        else if (first.Kind == HoconTokenKind.OpenBracket)
        {
            throw Error(first, "a configuration must be an object, not a list");
        }
        else
        {
            root = new HoconObject(OriginAt(first));
            ParseObjectBody(root, prefix, opener: null, depth: 0);
        }
        return root;
    }

    /// <summary>Parses text that is a single value (used for structured override values).</summary>
    public HoconValue ParseSingleValue()
    {
        SkipBlank();
        var value = ParseValue(HoconPath.Root, "value", depth: 0);
        SkipBlank();
        var after = Peek();
        if (after.Kind != HoconTokenKind.End) throw Error(after, $"unexpected {after.Describe()} after the value");
        return value;
    }

    private void ParseObjectBody(HoconObject target, HoconPath prefix, HoconToken? opener, int depth)
    {
        while (true)
        {
            SkipBlank();
            var t = Peek();
            switch (t.Kind)
            {
                case HoconTokenKind.End when opener is { } open:
                    throw Error(t, $"expected '}}' to close the object opened at {open.Line}:{open.Column}, found end of file");
                case HoconTokenKind.End:
                    return;
                case HoconTokenKind.CloseBrace when opener is not null:
                    Next();
                    return;
                case HoconTokenKind.CloseBrace:
                    throw Error(t, "unexpected '}': no object is open here");
                case HoconTokenKind.Comma:
                    throw Error(t, "unexpected ',': expected a key");
            }

            string label;
            if (IsInclude())
            {
                ParseInclude(target, prefix);
                label = "the include";
            }
            else
            {
                label = ParseField(target, prefix, depth);
            }

            SkipWhitespace();
            var sep = Peek();
            switch (sep.Kind)
            {
                case HoconTokenKind.Comma:
                    Next();
                    break;
                case HoconTokenKind.Newline:
                case HoconTokenKind.CloseBrace:
                case HoconTokenKind.End:
                    break;
                default:
                    throw Error(sep, $"expected ',' or a new line after {label}, found {sep.Describe()}");
            }
        }
    }

    /// <summary>Parses one <c>key = value</c> into <paramref name="target"/>; returns how to name it in errors.</summary>
    private string ParseField(HoconObject target, HoconPath prefix, int depth)
    {
        var keyToken = Peek();
        var key = ParseKey();
        var fullPath = prefix.Append(key);
        var label = $"the value of '{fullPath}'";
        if (depth + key.Segments.Count > _limits.MaxNestingDepth)
        {
            throw Error(keyToken, $"nesting deeper than {_limits.MaxNestingDepth} levels");
        }
        var valueDepth = depth + key.Segments.Count - 1;

        SkipWhitespace();
        var sep = Peek();
        HoconValue value;
        switch (sep.Kind)
        {
            case HoconTokenKind.Equals:
            case HoconTokenKind.Colon:
                Next();
                SkipWhitespace();
                value = ParseValue(fullPath, $"'{fullPath}'", valueDepth);
                break;
            case HoconTokenKind.PlusEquals:
                Next();
                SkipWhitespace();
                // a += x means a = ${?a} [x]
                var element = ParseValue(fullPath, $"'{fullPath}'", valueDepth);
                var origin = OriginAt(sep);
                value = new HoconConcatenation(
                    [new HoconSubstitution(fullPath, fullPath.ToString(), optional: true, origin), new HoconArray([element], origin)],
                    origin);
                break;
            case HoconTokenKind.OpenBrace:
                value = ParseValue(fullPath, $"'{fullPath}'", valueDepth);
                break;
            default:
                throw Error(sep, $"expected '=', ':' or '{{' after the key '{fullPath}', found {sep.Describe()}");
        }

        // a.b.c = v becomes a { b { c = v } }, merged like any other definition.
        var keyOrigin = OriginAt(keyToken);
        for (var i = key.Segments.Count - 1; i >= 1; i--)
        {
            var wrapper = new HoconObject(keyOrigin);
            wrapper.SetField(key.Segments[i], value);
            value = wrapper;
        }
        target.MergeField(key.Segments[0], value);
        return label;
    }

    private HoconPath ParseKey()
    {
        var first = Peek();
        var segments = new List<string>();
        var current = new StringBuilder();
        var hasContent = false;
        var pendingSpace = "";
        while (true)
        {
            var t = Peek();
            if (t.Kind == HoconTokenKind.Whitespace)
            {
                Next();
                if (hasContent) pendingSpace = t.Text;
                continue;
            }
            if (t.Kind == HoconTokenKind.QuotedString)
            {
                Next();
                current.Append(pendingSpace).Append(t.Text);
                pendingSpace = "";
                hasContent = true;
                continue;
            }
            if (t.Kind == HoconTokenKind.Unquoted)
            {
                Next();
                current.Append(pendingSpace);
                pendingSpace = "";
                foreach (var c in t.Text)
                {
                    if (c != '.')
                    {
                        current.Append(c);
                        hasContent = true;
                        continue;
                    }
                    if (!hasContent) throw Error(t, $"empty key in '{t.Text}' (a key cannot start or end with '.', or hold '..'; quote it)");
                    segments.Add(current.ToString());
                    current.Clear();
                    hasContent = false;
                }
                continue;
            }
            if (t.Kind == HoconTokenKind.Substitution) throw Error(t, "a substitution cannot be used as a key");
            break;
        }
        if (segments.Count == 0 && !hasContent)
        {
            var t = Peek();
            throw Error(t, $"expected a key, found {t.Describe()}");
        }
        if (!hasContent) throw Error(first, "a key cannot end with '.' (quote it)");
        segments.Add(current.ToString());
        return new HoconPath(segments);
    }

    /// <summary>
    /// One value: simple values, substitutions, objects and lists side by side on one line are a concatenation.
    /// </summary>
    private HoconValue ParseValue(HoconPath path, string what, int depth)
    {
        var start = Peek();
        var parts = new List<HoconValue>();
        var unquoted = new List<bool>();
        var onlySimple = true;
        while (true)
        {
            var t = Peek();
            switch (t.Kind)
            {
                case HoconTokenKind.QuotedString:
                    Next();
                    parts.Add(HoconScalar.String(t.Text, OriginAt(t)));
                    unquoted.Add(false);
                    continue;
                case HoconTokenKind.Unquoted:
                    Next();
                    parts.Add(HoconScalar.FromUnquoted(t.Text, OriginAt(t)));
                    unquoted.Add(true);
                    continue;
                case HoconTokenKind.Whitespace:
                    Next();
                    if (parts.Count > 0)
                    {
                        parts.Add(new HoconScalar(HoconScalarKind.String, t.Text, OriginAt(t)) { IsSpacing = true });
                        unquoted.Add(false);
                    }
                    continue;
                case HoconTokenKind.Substitution:
                    Next();
                    parts.Add(new HoconSubstitution(HoconPath.Parse(t.Text), t.Text, t.Optional, OriginAt(t)));
                    unquoted.Add(false);
                    onlySimple = false;
                    continue;
                case HoconTokenKind.OpenBrace:
                {
                    Next();
                    if (depth + 1 > _limits.MaxNestingDepth) throw Error(t, $"nesting deeper than {_limits.MaxNestingDepth} levels");
                    var obj = new HoconObject(OriginAt(t));
                    ParseObjectBody(obj, path, t, depth + 1);
                    parts.Add(obj);
                    unquoted.Add(false);
                    onlySimple = false;
                    continue;
                }
                case HoconTokenKind.OpenBracket:
                    Next();
                    if (depth + 1 > _limits.MaxNestingDepth) throw Error(t, $"nesting deeper than {_limits.MaxNestingDepth} levels");
                    parts.Add(ParseArray(path, t, depth + 1));
                    unquoted.Add(false);
                    onlySimple = false;
                    continue;
            }
            break;
        }

        while (parts.Count > 0 && parts[^1] is HoconScalar { IsSpacing: true })
        {
            parts.RemoveAt(parts.Count - 1);
            unquoted.RemoveAt(unquoted.Count - 1);
        }
        if (parts.Count == 0)
        {
            var t = Peek();
            throw Error(t, $"expected a value for {what}, found {t.Describe()}");
        }
        if (parts.Count == 1) return parts[0];
        if (onlySimple)
        {
            // Only strings, numbers and spaces: the result is known now, a string.
            var text = new StringBuilder();
            foreach (var part in parts) text.Append(((HoconScalar)part).Text);
            return HoconScalar.String(text.ToString(), OriginAt(start));
        }
        return new HoconConcatenation(parts, OriginAt(start));
    }

    private HoconArray ParseArray(HoconPath path, HoconToken opener, int depth)
    {
        var items = new List<HoconValue>();
        while (true)
        {
            SkipBlank();
            var t = Peek();
            switch (t.Kind)
            {
                case HoconTokenKind.CloseBracket:
                    Next();
                    return new HoconArray(items, OriginAt(opener));
                case HoconTokenKind.End:
                    throw Error(t, $"expected ']' to close the list opened at {opener.Line}:{opener.Column}, found end of file");
                case HoconTokenKind.Comma:
                    throw Error(t, "unexpected ',': expected a list element");
            }
            items.Add(ParseValue(path, "a list element", depth));
            SkipWhitespace();
            var sep = Peek();
            switch (sep.Kind)
            {
                case HoconTokenKind.Comma:
                    Next();
                    break;
                case HoconTokenKind.Newline:
                case HoconTokenKind.CloseBracket:
                case HoconTokenKind.End:
                    break;
                default:
                    throw Error(sep, $"expected ',' or ']' in the list opened at {opener.Line}:{opener.Column}, found {sep.Describe()}");
            }
        }
    }

    private bool IsInclude()
    {
        var t = Peek();
        if (t.Kind != HoconTokenKind.Unquoted || t.Text != "include") return false;
        if (Peek(1).Kind != HoconTokenKind.Whitespace) return false;
        var target = Peek(2);
        return target.Kind == HoconTokenKind.QuotedString
            || (target.Kind == HoconTokenKind.Unquoted && target.Text.EndsWith('('));
    }

    private void ParseInclude(HoconObject target, HoconPath prefix)
    {
        var includeToken = Next();
        SkipWhitespace();
        var t = Next();
        string file;
        if (t.Kind == HoconTokenKind.QuotedString)
        {
            file = t.Text;
        }
        else
        {
            var closer = t.Text switch
            {
                "file(" or "required(" => ")",
                "required(file(" => "))",
                _ => throw Error(t, $"unsupported include '{t.Text}': only \"file\", file(\"file\") and required(file(\"file\")) are supported"),
            };
            SkipWhitespace();
            var name = Next();
            if (name.Kind != HoconTokenKind.QuotedString) throw Error(name, $"expected a quoted file name after '{t.Text}', found {name.Describe()}");
            SkipWhitespace();
            var close = Next();
            if (close.Kind != HoconTokenKind.Unquoted || close.Text != closer) throw Error(close, $"expected '{closer}' after the file name, found {close.Describe()}");
            file = name.Text;
        }

        if (_include.Depth + 1 > _limits.MaxIncludeDepth)
        {
            throw Error(includeToken, $"includes nested deeper than {_limits.MaxIncludeDepth} levels");
        }
        var path = Path.IsPathRooted(file) ? file : Path.Combine(_include.BaseDirectory ?? "", file);
        var fullPath = Path.GetFullPath(path);
        if (_include.Chain.Contains(fullPath, StringComparer.Ordinal))
        {
            var cycle = string.Join(" -> ", _include.Chain.Append(fullPath).SkipWhile(p => p != fullPath).Select(Path.GetFileName));
            throw Error(includeToken, $"include cycle: {cycle}");
        }
        if (!File.Exists(fullPath)) throw Error(includeToken, $"included file '{file}' not found (looked for {fullPath})");

        var text = ConfigurationFactory.ReadLimitedFile(path, _limits);
        var included = new HoconParser(text, path, _limits, _include.Enter(path)).ParseDocument(prefix);
        foreach (var (key, value) in included.Fields) target.MergeField(key, value);
    }

    private void SkipWhitespace()
    {
        while (Peek().Kind == HoconTokenKind.Whitespace) Next();
    }

    private void SkipBlank()
    {
        while (Peek().Kind is HoconTokenKind.Whitespace or HoconTokenKind.Newline) Next();
    }

    private HoconToken Peek(int offset = 0)
    {
        while (_lookahead.Count <= offset) _lookahead.Add(_lexer.Next());
        return _lookahead[offset];
    }

    private HoconToken Next()
    {
        var t = Peek();
        _lookahead.RemoveAt(0);
        return t;
    }

    private ConfigOrigin OriginAt(HoconToken t) => _fixedOrigin ?? new(_source, t.Line);

    private ConfigurationException Error(HoconToken t, string reason) => ConfigurationException.At(_source, t.Line, t.Column, reason);
}
