using System.Globalization;
using System.Text.RegularExpressions;

namespace ActorStream.Nodes.Configuration;

/// <summary>
/// HOCON durations: a number and an optional unit (<c>500ms</c>, <c>10 s</c>, <c>2 minutes</c>);
/// a bare number is milliseconds, as in Akka. <c>infinite</c> means no timeout.
/// </summary>
public static partial class DurationParser
{
    private const double TicksPerNanosecond = 0.01;

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var trimmed = text.Trim();
        if (trimmed is "infinite" or "inf")
        {
            value = Timeout.InfiniteTimeSpan;
            return true;
        }
        var match = Pattern().Match(trimmed);
        if (!match.Success) return false;
        if (!double.TryParse(match.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return false;
        var ticksPerUnit = UnitTicks(match.Groups["unit"].Value);
        if (ticksPerUnit is null) return false;
        var ticks = Math.Round(number * ticksPerUnit.Value);
        if (double.IsNaN(ticks) || ticks >= TimeSpan.MaxValue.Ticks || ticks <= TimeSpan.MinValue.Ticks) return false;
        value = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    private static double? UnitTicks(string unit) => unit switch
    {
        "" or "ms" or "milli" or "millis" or "millisecond" or "milliseconds" => TimeSpan.TicksPerMillisecond,
        "ns" or "nano" or "nanos" or "nanosecond" or "nanoseconds" => TicksPerNanosecond,
        "us" or "µs" or "micro" or "micros" or "microsecond" or "microseconds" => TimeSpan.TicksPerMicrosecond,
        "s" or "second" or "seconds" => TimeSpan.TicksPerSecond,
        "m" or "minute" or "minutes" => TimeSpan.TicksPerMinute,
        "h" or "hour" or "hours" => TimeSpan.TicksPerHour,
        "d" or "day" or "days" => TimeSpan.TicksPerDay,
        _ => null,
    };

    [GeneratedRegex(@"^(?<number>[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?)\s*(?<unit>[A-Za-zµ]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
