using System.Text.RegularExpressions;

namespace ActorStream.Nodes.Configuration;

/// <summary>
/// A string, number, boolean or null. The text is kept exactly as written so that numbers
/// round-trip unchanged and durations like <c>10s</c> stay readable.
/// </summary>
public sealed partial class HoconScalar : HoconValue
{
    public HoconScalar(HoconScalarKind kind, string text, ConfigOrigin origin) : base(origin)
    {
        Kind = kind;
        Text = text;
    }

    public HoconScalarKind Kind { get; }

    public string Text { get; }

    /// <summary>Unquoted whitespace inside a concatenation: kept between strings, dropped between objects/arrays.</summary>
    internal bool IsSpacing { get; init; }

    public override bool IsResolved => true;

    public override string Description => Kind switch
    {
        HoconScalarKind.Number => $"the number {Text}",
        HoconScalarKind.Boolean => $"the boolean {Text}",
        HoconScalarKind.Null => "null",
        _ => $"\"{Text}\"",
    };

    public static HoconScalar String(string text, ConfigOrigin origin) => new(HoconScalarKind.String, text, origin);

    public static HoconScalar Null(ConfigOrigin origin) => new(HoconScalarKind.Null, "null", origin);

    /// <summary>Classifies one unquoted token: number, true/false, null, else a string.</summary>
    public static HoconScalar FromUnquoted(string text, ConfigOrigin origin)
    {
        if (text is "true" or "false") return new(HoconScalarKind.Boolean, text, origin);
        if (text == "null") return Null(origin);
        if (NumberPattern().IsMatch(text)) return new(HoconScalarKind.Number, text, origin);
        return String(text, origin);
    }

    /// <summary>A value typed by a person (env var, flag): numbers and booleans recognised, the rest literal.</summary>
    public static HoconScalar FromLiteral(string text, ConfigOrigin origin)
    {
        if (text is "true" or "false") return new(HoconScalarKind.Boolean, text, origin);
        if (NumberPattern().IsMatch(text)) return new(HoconScalarKind.Number, text, origin);
        return String(text, origin);
    }

    public override bool ContentEquals(HoconValue other) =>
        other is HoconScalar s && s.Kind == Kind && string.Equals(s.Text, Text, StringComparison.Ordinal);

    public override string ToString() => Text;

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
