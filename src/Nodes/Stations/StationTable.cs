using System.Globalization;
using ActorStream.Messages.Stations;
using ActorStream.Nodes.Metrics;

namespace ActorStream.Nodes.Stations;

/// <summary>
/// The stations as the older station tool listed them, numbered from 1 (the number a viewer presses to switch):
/// group, properties and live figures. Shared by `station list` and the viewer's picker.
/// </summary>
public static class StationTable
{
    public static TextTable From(IReadOnlyList<StationInfo> stations) => new("Stations",
        ["#", "STATION", "GROUP", "CODEC", "SIZE", "ASPECT", "FPS", "KBIT/S", "DURATION", "AUDIO", "STATE", "VIEWERS", "OUT FPS", "OUT MBIT/S", "RESTARTS", "SOURCE", "RTSP"],
        stations.Select((s, i) => (IReadOnlyList<string>)
        [
            (i + 1).ToString(CultureInfo.InvariantCulture), s.Name, s.Group ?? "unicast", s.Properties.Codec,
            $"{s.Properties.Width}x{s.Properties.Height}", s.Properties.AspectRatio, MetricsTables.Fixed(s.Properties.FrameRate, 2),
            MetricsTables.Whole(s.Properties.BitrateKbps), Duration(s.Properties.DurationSeconds), s.Properties.Audio ?? "none", s.State,
            MetricsTables.Whole(s.Viewers), MetricsTables.Fixed(s.FramesPerSecond, 1), MetricsTables.Mbits(s.BitsPerSecond),
            MetricsTables.Whole(s.Restarts), s.Source, s.Rtsp ?? "-",
        ]).ToList());

    /// <summary>The table as padded plain text, with its title line.</summary>
    public static string Render(IReadOnlyList<StationInfo> stations)
    {
        var text = PlainTableWriter.Render([From(stations)]);
        // PlainTableWriter starts with the metrics units line, which means nothing here.
        var firstLine = text.IndexOf('\n', StringComparison.Ordinal);
        return text[(firstLine + 1)..];
    }

    /// <summary>A file's length as h:mm:ss (or m:ss); "live" when the source has none.</summary>
    public static string Duration(double? seconds)
    {
        if (seconds is not { } s || !double.IsFinite(s) || s < 0)
        {
            return "live";
        }

        var t = TimeSpan.FromSeconds(Math.Round(s));
        return t.TotalHours >= 1
            ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);
    }
}
