using System.Globalization;
using System.Text.RegularExpressions;

namespace ActorStream.EndToEnd.Tests.Support;

/// <summary>Reads the numbers out of the seed's status line ("... frames 120 ... destinations 2 ... restarts
/// encoder 0 capture 0  pids encoder 123 capture 456"); a pid "-" (down) or "in-process" (OpenCV) is null.</summary>
public sealed record StatusLineFields(long Frames, int Destinations, int EncoderRestarts, int? EncoderPid, int? CapturePid)
{
    /// <summary>The line's fields if it is the status line of station <paramref name="station"/> ("[00:00:05] NAME: frames ...").</summary>
    public static StatusLineFields? TryParse(string line, string station) =>
        line.Contains($"] {station}: frames ", StringComparison.Ordinal) ? TryParse(line) : null;

    public static StatusLineFields? TryParse(string line)
    {
        var m = Regex.Match(line,
            @"frames (?<frames>\d+) .*destinations (?<dest>\d+) .*restarts encoder (?<er>\d+) capture \d+ +pids encoder (?<ep>\d+|-) capture (?<cp>\d+|-|in-process)");
        if (!m.Success)
        {
            return null;
        }

        static int? Pid(string text) => text is "-" or "in-process" ? null : int.Parse(text, CultureInfo.InvariantCulture);
        return new StatusLineFields(
            long.Parse(m.Groups["frames"].Value, CultureInfo.InvariantCulture),
            int.Parse(m.Groups["dest"].Value, CultureInfo.InvariantCulture),
            int.Parse(m.Groups["er"].Value, CultureInfo.InvariantCulture),
            Pid(m.Groups["ep"].Value),
            Pid(m.Groups["cp"].Value));
    }
}
