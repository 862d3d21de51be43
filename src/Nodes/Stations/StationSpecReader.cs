using System.Globalization;
using ActorStream.Actors.Stations;
using ActorStream.Media.Ffmpeg;
using ActorStream.Messages.Stations;
using ActorStream.Nodes.Configuration;
using ActorStream.Nodes.Hosting;

namespace ActorStream.Nodes.Stations;

/// <summary>
/// Turns a station asked for at run time (<see cref="AddStation"/>, `actorstream station add`) into settings, exactly as
/// a configured one would be read: its fields become actorstream.stations.NAME.* over the seed's configuration, so the
/// defaults, checks and messages are the same. Also checks that its file or device is there. Throws
/// <see cref="StationSpecException"/> with a message that names what is wrong; the stations' supervisor answers it
/// as the <see cref="StationRejected"/> reason.
/// </summary>
public sealed class StationSpecReader
{
    private const string Origin = "station add";
    private readonly Config _config;

    public StationSpecReader(Config config) => _config = config;

    public StationSettings Read(StationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (StationNames.Problem(spec.Name) is { } nameProblem)
        {
            throw new StationSpecException(nameProblem);
        }

        if (string.IsNullOrWhiteSpace(spec.Source))
        {
            throw new StationSpecException("a station needs a source: testsrc[:PATTERN], file:PATH, v4l2:/dev/videoN, opencv:INDEX or opencv:file:PATH");
        }

        StationSettings settings;
        try
        {
            var overrides = Overrides(spec);
            var config = NodeConfigLoader.FromOverrides(overrides).WithFallback(_config);
            settings = StationSettingsReader.Read(config, spec.Name);
        }
        catch (ConfigurationException ex)
        {
            throw new StationSpecException(ex.Message);
        }

        if (settings.Encoder.IsPassthrough)
        {
            if (!File.Exists(settings.Encoder.PassthroughFile))
            {
                throw new StationSpecException($"Video source file not found: '{settings.Encoder.PassthroughFile}'.");
            }
        }
        else if (CapturePreflight.FindProblem(settings.Capture) is { } problem)
        {
            throw new StationSpecException(problem);
        }

        return settings;
    }

    /// <summary>The spec's fields as settings of actorstream.stations.NAME, taken literally as flags are (a path stays whole).</summary>
    public static IReadOnlyList<ConfigOverride> Overrides(StationSpec spec)
    {
        var prefix = $"{StationSettingsReader.Named}.{spec.Name}.";
        var list = new List<ConfigOverride>();
        void Add(string key, string? value)
        {
            if (value is not null)
            {
                list.Add(new ConfigOverride(prefix + key, value, Origin));
            }
        }

        Add("source", spec.Source);
        Add("audio", spec.Audio);
        Add("codec", spec.Codec);
        Add("fps", spec.Fps?.ToString(CultureInfo.InvariantCulture));
        Add("bitrate-kbps", spec.BitrateKbps?.ToString(CultureInfo.InvariantCulture));
        Add("keyframe-interval", spec.KeyframeInterval);
        Add("group", spec.Group);
        if (spec.Unicast)
        {
            Add("unicast", "on");
        }

        if (spec.Size is not null)
        {
            var (width, height) = ParseSize(spec.Size);
            Add("width", width.ToString(CultureInfo.InvariantCulture));
            Add("height", height.ToString(CultureInfo.InvariantCulture));
        }

        return list;
    }

    /// <summary>WIDTHxHEIGHT, e.g. 640x360.</summary>
    public static (int Width, int Height) ParseSize(string size)
    {
        var parts = size.Trim().ToLowerInvariant().Split('x');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var h) || w <= 0 || h <= 0)
        {
            throw new StationSpecException($"size '{size}': expected WIDTHxHEIGHT, e.g. 640x360");
        }

        return (w, h);
    }
}
