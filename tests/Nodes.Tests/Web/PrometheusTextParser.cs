using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ActorStream.Nodes.Tests.Web;

/// <summary>One sample line: metric name, labels, value.</summary>
public sealed record ParsedSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>One metric family: its # TYPE (untyped when none), # HELP, and samples.</summary>
public sealed record ParsedFamily(string Name, string Type, string? Help, IReadOnlyList<ParsedSample> Samples);

/// <summary>
/// A strict reader of the Prometheus text exposition format 0.0.4, written from the format's description, for tests:
/// anything a scraper could misread is a <see cref="FormatException"/> naming the line. Beyond the format it also
/// refuses negative counters, HELP/TYPE after a family's samples, a family split by another, and repeated series.
/// </summary>
public static partial class PrometheusTextParser
{
    private static readonly HashSet<string> Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    public static IReadOnlyDictionary<string, ParsedFamily> Parse(string text)
    {
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            throw new FormatException("the last line does not end with a line feed");
        }

        var families = new Dictionary<string, (string? Type, string? Help, List<ParsedSample> Samples)>(StringComparer.Ordinal);
        var closed = new HashSet<string>(StringComparer.Ordinal);
        var series = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length - 1; i++)
        {
            var line = lines[i];
            var where = $"line {i + 1} '{line}'";
            if (line.Contains('\r', StringComparison.Ordinal))
            {
                throw new FormatException($"{where}: carriage return");
            }

            if (line.Trim().Length == 0)
            {
                continue;
            }

            string family;
            if (line.StartsWith('#'))
            {
                var meta = MetaLine().Match(line);
                if (!meta.Success)
                {
                    continue; // an ordinary comment
                }

                family = meta.Groups["name"].Value;
                Enter(family, where);
                var entry = families.GetValueOrDefault(family, (null, null, []));
                if (entry.Samples.Count > 0)
                {
                    throw new FormatException($"{where}: # {meta.Groups["kind"].Value} after the family's samples");
                }

                if (meta.Groups["kind"].Value == "HELP")
                {
                    entry.Help = entry.Help is null ? UnescapeHelp(meta.Groups["rest"].Value, where) : throw new FormatException($"{where}: second HELP");
                }
                else
                {
                    var type = meta.Groups["rest"].Value;
                    entry.Type = !Types.Contains(type) ? throw new FormatException($"{where}: unknown type '{type}'")
                        : entry.Type is null ? type : throw new FormatException($"{where}: second TYPE");
                }

                families[family] = entry;
                continue;
            }

            var sample = ParseSample(line, where);
            family = FamilyOf(sample.Name, families);
            Enter(family, where);
            var f = families.GetValueOrDefault(family, (null, null, []));
            Check(f.Type ?? "untyped", family, sample, where);
            var key = sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + "}";
            if (!series.Add(key))
            {
                throw new FormatException($"{where}: series {key} written twice");
            }

            f.Samples.Add(sample);
            families[family] = f;
        }

        return families.ToDictionary(p => p.Key, p => new ParsedFamily(p.Key, p.Value.Type ?? "untyped", p.Value.Help, p.Value.Samples),
            StringComparer.Ordinal);

        void Enter(string family, string where)
        {
            if (family == current)
            {
                return;
            }

            if (closed.Contains(family))
            {
                throw new FormatException($"{where}: family {family} continues after another family");
            }

            if (current is not null)
            {
                closed.Add(current);
            }

            current = family;
        }
    }

    private static string FamilyOf(string name, Dictionary<string, (string? Type, string? Help, List<ParsedSample> Samples)> families)
    {
        if (families.ContainsKey(name))
        {
            return name;
        }

        foreach (var suffix in new[] { "_sum", "_count", "_bucket" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && families.TryGetValue(name[..^suffix.Length], out var f) &&
                (f.Type == "histogram" || (f.Type == "summary" && suffix != "_bucket")))
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }

    private static void Check(string type, string family, ParsedSample sample, string where)
    {
        var plain = sample.Name == family;
        switch (type)
        {
            case "counter" when sample.Value < 0:
                throw new FormatException($"{where}: negative counter");
            case "summary" when plain && !sample.Labels.ContainsKey("quantile"):
                throw new FormatException($"{where}: summary sample without a quantile label");
            case "histogram" when sample.Name.EndsWith("_bucket", StringComparison.Ordinal) && !sample.Labels.ContainsKey("le"):
                throw new FormatException($"{where}: histogram bucket without le");
            case "histogram" when plain:
                throw new FormatException($"{where}: histogram sample must be _bucket, _sum or _count");
        }
    }

    private static ParsedSample ParseSample(string line, string where)
    {
        var name = SampleName().Match(line);
        if (!name.Success)
        {
            throw new FormatException($"{where}: no valid metric name");
        }

        var pos = name.Length;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (pos < line.Length && line[pos] == '{')
        {
            pos++;
            while (true)
            {
                if (pos < line.Length && line[pos] == '}')
                {
                    pos++;
                    break;
                }

                var label = LabelName().Match(line, pos);
                if (!label.Success || label.Index != pos)
                {
                    throw new FormatException($"{where}: bad label name at column {pos + 1}");
                }

                pos += label.Length;
                if (pos + 1 >= line.Length || line[pos] != '=' || line[pos + 1] != '"')
                {
                    throw new FormatException($"{where}: expected =\" after label {label.Value}");
                }

                pos += 2;
                var value = new StringBuilder();
                while (true)
                {
                    if (pos >= line.Length)
                    {
                        throw new FormatException($"{where}: unterminated label value");
                    }

                    var c = line[pos++];
                    if (c == '"')
                    {
                        break;
                    }

                    if (c == '\\')
                    {
                        var e = pos < line.Length ? line[pos++] : throw new FormatException($"{where}: dangling backslash");
                        value.Append(e switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            _ => throw new FormatException($"{where}: invalid escape \\{e} in a label value"),
                        });
                    }
                    else
                    {
                        value.Append(c);
                    }
                }

                if (label.Value.StartsWith("__", StringComparison.Ordinal) || !labels.TryAdd(label.Value, value.ToString()))
                {
                    throw new FormatException($"{where}: label {label.Value} reserved or repeated");
                }

                if (pos < line.Length && line[pos] == ',')
                {
                    pos++;
                }
                else if (pos >= line.Length || line[pos] != '}')
                {
                    throw new FormatException($"{where}: expected , or }} after a label");
                }
            }
        }

        if (pos >= line.Length || (line[pos] != ' ' && line[pos] != '\t'))
        {
            throw new FormatException($"{where}: expected a blank before the value");
        }

        var rest = line[pos..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (rest.Length is < 1 or > 2)
        {
            throw new FormatException($"{where}: expected a value and an optional timestamp");
        }

        if (rest.Length == 2 && !long.TryParse(rest[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            throw new FormatException($"{where}: the timestamp is not whole milliseconds");
        }

        return new ParsedSample(name.Value, labels, ParseValue(rest[0], where));
    }

    public static double ParseValue(string text, string where) => text switch
    {
        "NaN" => double.NaN,
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ when Number().IsMatch(text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        _ => throw new FormatException($"{where}: '{text}' is not a float"),
    };

    private static string UnescapeHelp(string text, string where)
    {
        var result = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                result.Append(text[i]);
                continue;
            }

            result.Append(++i < text.Length ? text[i] switch
            {
                '\\' => '\\',
                'n' => '\n',
                _ => throw new FormatException($"{where}: invalid escape in HELP"),
            } : throw new FormatException($"{where}: dangling backslash in HELP"));
        }

        return result.ToString();
    }

    [GeneratedRegex(@"^#[ \t]+(?<kind>HELP|TYPE)[ \t]+(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:[ \t]+(?<rest>.*))?$")]
    private static partial Regex MetaLine();

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex SampleName();

    [GeneratedRegex("[a-zA-Z_][a-zA-Z0-9_]*")]
    private static partial Regex LabelName();

    [GeneratedRegex(@"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")]
    private static partial Regex Number();
}
