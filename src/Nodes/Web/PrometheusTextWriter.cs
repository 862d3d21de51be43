using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ActorStream.Nodes.Web;

/// <summary>
/// Writes the Prometheus text exposition format, version 0.0.4: per family a # HELP and a # TYPE line, then all of
/// its samples together; label values and help text escaped as the format says. It refuses what would make the
/// output invalid (bad names, a family written twice, a counter not named *_total), so a mistake fails a test
/// rather than a scrape.
/// </summary>
public sealed partial class PrometheusTextWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();
    private readonly HashSet<string> _families = new(StringComparer.Ordinal);

    /// <exception cref="ArgumentException">An invalid metric or label name, a family already written, a counter
    /// whose name does not end in _total, or a sample with a repeated label.</exception>
    public void WriteFamily(string name, PrometheusMetricType type, string help, IEnumerable<PrometheusSample> samples)
    {
        if (!MetricName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a valid metric name", nameof(name));
        }

        if (type == PrometheusMetricType.Counter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            throw new ArgumentException($"counter '{name}' must end in _total", nameof(name));
        }

        if (!_families.Add(name))
        {
            throw new ArgumentException($"metric family '{name}' written twice", nameof(name));
        }

        _text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type == PrometheusMetricType.Counter ? "counter" : "gauge").Append('\n');
        foreach (var sample in samples)
        {
            _text.Append(name);
            if (sample.Labels.Count > 0)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                _text.Append('{');
                for (var i = 0; i < sample.Labels.Count; i++)
                {
                    var (label, value) = sample.Labels[i];
                    if (!LabelName().IsMatch(label) || label.StartsWith("__", StringComparison.Ordinal) || !seen.Add(label))
                    {
                        throw new ArgumentException($"label '{label}' of {name} is invalid or repeated", nameof(samples));
                    }

                    _text.Append(i == 0 ? "" : ",").Append(label).Append("=\"").Append(EscapeLabelValue(value)).Append('"');
                }

                _text.Append('}');
            }

            _text.Append(' ').Append(FormatValue(sample.Value)).Append('\n');
        }
    }

    public override string ToString() => _text.ToString();

    /// <summary>Label values: backslash, double quote and line feed are escaped (\\, \", \n).</summary>
    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", @"\n", StringComparison.Ordinal);

    /// <summary>Help text: backslash and line feed are escaped (a quote is fine there).</summary>
    public static string EscapeHelp(string help) =>
        help.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);

    /// <summary>A float as Go's ParseFloat reads it: shortest round-trip digits, NaN, +Inf, -Inf.</summary>
    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();
}
