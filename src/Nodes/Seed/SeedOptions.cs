using System.Globalization;
using System.Text.Json;
using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Seed;

/// <summary>The seed's command-line flags, as overrides of the settings they stand for (flags win over
/// every other source).</summary>
public sealed record SeedOptions
{
    public string? Source { get; init; }

    /// <summary>--station NAME=SOURCE, repeatable: one station each, under actorstream.stations.NAME.</summary>
    public IReadOnlyList<string> Stations { get; init; } = [];
    public string? Audio { get; init; }
    public string? Codec { get; init; }
    public IReadOnlyList<string> Destinations { get; init; } = [];
    public IReadOnlyList<string> Listen { get; init; } = [];
    public string? Size { get; init; }
    public int? Fps { get; init; }
    public int? BitrateKbps { get; init; }
    public string? KeyframeInterval { get; init; }
    public bool NoOverlay { get; init; }

    /// <summary>--unicast: no station has a multicast group (actorstream.station.unicast, every station's default).</summary>
    public bool Unicast { get; init; }
    public double? DurationSeconds { get; init; }
    public int? Port { get; init; }
    public string? Host { get; init; }

    /// <summary>--http PORT (0: a free one) or off.</summary>
    public string? Http { get; init; }

    /// <summary>--rtsp PORT (0: a free one) or off.</summary>
    public string? Rtsp { get; init; }

    /// <summary>--metrics-log PATH: the metrics actor's JSON-lines log.</summary>
    public string? MetricsLog { get; init; }

    /// <summary>The flags as config overrides; a malformed flag value is a usage error (ArgumentException).</summary>
    public IReadOnlyList<ConfigOverride> ToOverrides()
    {
        var list = new List<ConfigOverride>();
        void Add(string path, string? value, string flag)
        {
            if (value is not null)
            {
                list.Add(new ConfigOverride(path, value, $"flag {flag}"));
            }
        }

        Add("actorstream.remote.port", Port?.ToString(CultureInfo.InvariantCulture), "--port");
        Add("actorstream.remote.hostname", Host, "--host");
        Add("actorstream.station.source", Source, "--source");
        if (Source is not null)
        {
            // Today's single-station flags keep meaning "run this": --source starts station main next to any others.
            Add("actorstream.station.run", "on", "--source");
        }

        var stationNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var station in Stations)
        {
            var (name, source) = ParseStation(station);
            if (!stationNames.Add(name))
            {
                throw new ArgumentException($"--station {station}: station {name} is given twice");
            }

            Add($"actorstream.stations.{name}.source", source, "--station");
        }
        Add("actorstream.station.audio", Audio, "--audio");
        Add("actorstream.station.codec", Codec, "--codec");
        Add("actorstream.station.fps", Fps?.ToString(CultureInfo.InvariantCulture), "--fps");
        Add("actorstream.station.bitrate-kbps", BitrateKbps?.ToString(CultureInfo.InvariantCulture), "--bitrate");
        Add("actorstream.station.keyframe-interval", KeyframeInterval, "--keyframe-interval");
        if (Unicast)
        {
            Add("actorstream.station.unicast", "on", "--unicast");
        }

        if (NoOverlay)
        {
            Add("actorstream.station.overlay-time", "off", "--no-overlay");
        }

        if (DurationSeconds is { } seconds)
        {
            Add("actorstream.seed.duration", (seconds * 1000).ToString("0", CultureInfo.InvariantCulture) + "ms", "--duration");
        }

        if (Size is not null)
        {
            var parts = Size.ToLowerInvariant().Split('x');
            if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var w) ||
                !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var h))
            {
                throw new ArgumentException($"--size {Size}: expected WIDTHxHEIGHT, e.g. 1280x720");
            }

            Add("actorstream.station.width", w.ToString(CultureInfo.InvariantCulture), "--size");
            Add("actorstream.station.height", h.ToString(CultureInfo.InvariantCulture), "--size");
        }

        if (Http is not null)
        {
            if (Http.Trim().Equals("off", StringComparison.OrdinalIgnoreCase))
            {
                Add("actorstream.http.enabled", "off", "--http");
            }
            else if (int.TryParse(Http, NumberStyles.None, CultureInfo.InvariantCulture, out var httpPort) && httpPort <= 65535)
            {
                Add("actorstream.http.enabled", "on", "--http");
                Add("actorstream.http.port", httpPort.ToString(CultureInfo.InvariantCulture), "--http");
            }
            else
            {
                throw new ArgumentException($"--http {Http}: expected a port 0..65535 (0 picks a free one) or off");
            }
        }

        if (Rtsp is not null)
        {
            if (Rtsp.Trim().Equals("off", StringComparison.OrdinalIgnoreCase))
            {
                Add("actorstream.rtsp.enabled", "off", "--rtsp");
            }
            else if (int.TryParse(Rtsp, NumberStyles.None, CultureInfo.InvariantCulture, out var rtspPort) && rtspPort <= 65535)
            {
                Add("actorstream.rtsp.enabled", "on", "--rtsp");
                Add("actorstream.rtsp.port", rtspPort.ToString(CultureInfo.InvariantCulture), "--rtsp");
            }
            else
            {
                throw new ArgumentException($"--rtsp {Rtsp}: expected a port 0..65535 (0 picks a free one) or off");
            }
        }

        if (MetricsLog is not null)
        {
            // Flag values are taken literally, so a path with "//", ':' or '#' stays whole.
            Add("actorstream.metrics.log", MetricsLog, "--metrics-log");
        }

        var destinations = Destinations.Concat(Listen.Select(ListenUri)).ToList();
        if (destinations.Count > 0)
        {
            // URIs hold "//", which HOCON reads as a comment unless quoted: pass them as a JSON array.
            Add("actorstream.seed.destinations", JsonSerializer.Serialize(destinations), Listen.Count > 0 ? "--dest/--listen" : "--dest");
        }

        return list;
    }

    /// <summary>--station NAME=SOURCE: a usable station name and a non-empty source (checked when the settings are read).</summary>
    public static (string Name, string Source) ParseStation(string value)
    {
        var eq = value.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || eq == value.Length - 1)
        {
            throw new ArgumentException($"--station {value}: expected NAME=SOURCE, e.g. --station news=file:news.mp4");
        }

        var name = value[..eq].Trim();
        if (ActorStream.Actors.Stations.StationNames.Problem(name) is { } problem)
        {
            throw new ArgumentException($"--station {value}: {problem}");
        }

        return (name, value[(eq + 1)..].Trim());
    }

    /// <summary>--listen takes PORT or ADDRESS:PORT and means tcp-listen://ADDRESS:PORT (all interfaces by default).</summary>
    public static string ListenUri(string value) =>
        value.Contains(':', StringComparison.Ordinal) ? $"tcp-listen://{value}" : $"tcp-listen://0.0.0.0:{value}";
}
