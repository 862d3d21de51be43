using System.Globalization;
using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Hosting;

/// <summary>
/// Checks the akka settings a node was given against the kinds of the defaults in reference.conf, before Akka reads
/// them: Akka reads many settings only when it first needs them (the failure detector's at the first heartbeat), so
/// a threshold of "x" would start a node that later fails inside the cluster. A value of the wrong kind (a word
/// where a number or a duration belongs, a number where on/off belongs) is an error naming its file, line and key.
/// </summary>
public static class AkkaSettingsCheck
{
    /// <exception cref="ConfigurationException">A setting under akka has the wrong kind.</exception>
    public static void Check(Config effective, Config reference)
    {
        if (!reference.HasPath("akka") || !effective.HasPath("akka"))
        {
            return;
        }

        Walk(effective, reference.GetConfig("akka").Root, "akka");
    }

    private static void Walk(Config effective, HoconObject defaults, string prefix)
    {
        foreach (var (key, value) in defaults.Fields)
        {
            var path = prefix + "." + (key.Contains('.', StringComparison.Ordinal) ? $"\"{key}\"" : key);
            switch (value)
            {
                case HoconObject inner:
                    Walk(effective, inner, path);
                    break;
                case HoconScalar scalar when effective.GetValue(path) is HoconScalar given:
                    CheckKind(effective, path, scalar, given);
                    break;
            }
        }
    }

    private static void CheckKind(Config effective, string path, HoconScalar expected, HoconScalar given)
    {
        var example = expected.Text;
        if (IsBoolean(example) && !IsBoolean(given.Text))
        {
            throw ConfigValues.Bad(effective, path, $"must be on or off, got '{given.Text}'");
        }

        if (IsNumber(example) && !IsNumber(given.Text))
        {
            throw ConfigValues.Bad(effective, path, $"must be a number like {example}, got '{given.Text}'");
        }

        if (IsDuration(example) && !IsDuration(given.Text))
        {
            throw ConfigValues.Bad(effective, path, $"must be a duration like {example}, got '{given.Text}'");
        }
    }

    private static bool IsBoolean(string text) => text is "on" or "off" or "true" or "false" or "yes" or "no";

    private static bool IsNumber(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>A number followed by a unit: 200ms, 1.5 s, 4MiB (sizes are checked as the same shape).</summary>
    private static bool IsDuration(string text)
    {
        var trimmed = text.Trim();
        var digits = 0;
        while (digits < trimmed.Length && (char.IsAsciiDigit(trimmed[digits]) || trimmed[digits] == '.'))
        {
            digits++;
        }

        return digits > 0 && digits < trimmed.Length && IsNumber(trimmed[..digits]) &&
               trimmed[digits..].Trim().All(char.IsAsciiLetter);
    }
}
