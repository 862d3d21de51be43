using System.Globalization;
using System.Text.RegularExpressions;

namespace ActorStream.Nodes.Configuration;

/// <summary>
/// HOCON sizes in bytes: <c>512</c>, <c>512 bytes</c>, <c>64k</c> (1024-based), <c>10MiB</c>, <c>1 MB</c>
/// (1000-based), following the HOCON specification's unit names.
/// </summary>
public static partial class ByteSizeParser
{
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        var match = Pattern().Match(text.Trim());
        if (!match.Success) return false;
        if (!decimal.TryParse(match.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return false;
        var multiplier = UnitMultiplier(match.Groups["unit"].Value);
        if (multiplier is null) return false;
        try
        {
            var total = decimal.Round(number * multiplier.Value);
            if (total < 0 || total > long.MaxValue) return false;
            bytes = (long)total;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static decimal? UnitMultiplier(string unit)
    {
        const decimal Kilo = 1000m;
        const decimal Kibi = 1024m;
        return unit switch
        {
            "" or "B" or "b" or "byte" or "bytes" => 1m,
            "kB" or "kilobyte" or "kilobytes" => Kilo,
            "MB" or "megabyte" or "megabytes" => Kilo * Kilo,
            "GB" or "gigabyte" or "gigabytes" => Kilo * Kilo * Kilo,
            "TB" or "terabyte" or "terabytes" => Kilo * Kilo * Kilo * Kilo,
            "PB" or "petabyte" or "petabytes" => Kilo * Kilo * Kilo * Kilo * Kilo,
            "K" or "k" or "Ki" or "KiB" or "kibibyte" or "kibibytes" => Kibi,
            "M" or "m" or "Mi" or "MiB" or "mebibyte" or "mebibytes" => Kibi * Kibi,
            "G" or "g" or "Gi" or "GiB" or "gibibyte" or "gibibytes" => Kibi * Kibi * Kibi,
            "T" or "t" or "Ti" or "TiB" or "tebibyte" or "tebibytes" => Kibi * Kibi * Kibi * Kibi,
            "P" or "p" or "Pi" or "PiB" or "pebibyte" or "pebibytes" => Kibi * Kibi * Kibi * Kibi * Kibi,
            _ => null,
        };
    }

    [GeneratedRegex(@"^(?<number>[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?)\s*(?<unit>[A-Za-z]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
