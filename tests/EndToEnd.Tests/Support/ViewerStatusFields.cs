using System.Globalization;
using System.Text.RegularExpressions;

namespace ActorStream.EndToEnd.Tests.Support;

/// <summary>Reads the numbers out of a viewer's status line ("[00:00:19] main: subscribed  frames 598  fps 29.1
/// bitrate 2.35 Mbit/s  packets 33880  lost 0  members 3  ...  output null  via multicast 239.255.0.1:5004").</summary>
/// <param name="Station">The station watched (or last watched, when <paramref name="State"/> is stopped).</param>
/// <param name="State">subscribed, subscribing, paused, or stopped (nothing watched: none picked, or the station was removed).</param>
/// <param name="Via">"multicast ADDRESS:PORT", "unicast :PORT", or "-" (paused, stopped, or no socket yet).</param>
public sealed partial record ViewerStatusFields(
    TimeSpan Elapsed, bool Subscribed, long Frames, long Packets, long Lost, int Members, string Station = "", string State = "", string Via = "-")
{
    public bool Paused => State == "paused";

    public static ViewerStatusFields? TryParse(string line)
    {
        var m = Pattern().Match(line);
        if (!m.Success)
        {
            return null;
        }

        long Number(string group) => long.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);
        return new ViewerStatusFields(
            new TimeSpan((int)Number("h"), (int)Number("m"), (int)Number("s")),
            m.Groups["state"].Value == "subscribed",
            Number("frames"),
            Number("packets"),
            Number("lost"),
            (int)Number("members"),
            m.Groups["station"].Value,
            m.Groups["state"].Value,
            m.Groups["via"].Success ? m.Groups["via"].Value : "-");
    }

    /// <summary>Every status line the viewer has printed so far, in order.</summary>
    public static IReadOnlyList<ViewerStatusFields> All(NodeProcess viewer) =>
        viewer.StdoutLines.Select(TryParse).OfType<ViewerStatusFields>().ToList();

    /// <summary>The viewer's latest status line, or null before its first.</summary>
    public static ViewerStatusFields? Latest(NodeProcess viewer) =>
        viewer.StdoutLines.Select(TryParse).LastOrDefault(s => s is not null);

    [GeneratedRegex(@"^\[(?<h>\d+):(?<m>\d+):(?<s>\d+)\] (?<station>\S+): (?<state>subscribed|subscribing|paused|stopped)\s+frames (?<frames>\d+)\s+fps \S+\s+bitrate \S+ Mbit/s\s+packets (?<packets>\d+)\s+lost (?<lost>\d+)\s+members (?<members>\d+)(?:.*\s+via (?<via>multicast \S+|unicast :\d+|-)$)?")]
    private static partial Regex Pattern();
}
