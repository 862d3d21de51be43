using ActorStream.Actors.FanOut;
using ActorStream.Actors.Pipeline;
using ActorStream.Actors.Stations;
using ActorStream.Media.Ffmpeg;
using ActorStream.Media.Multicast;
using ActorStream.Media.Transport;
using ActorStream.Media.Video;
using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Hosting;

/// <summary>Reads a station's settings (actorstream.station, .stations.NAME, .fanout, .ffmpeg, .multicast, .seed) from the effective config,
/// validating every value so that a bad one stops the node at startup with its key and origin.</summary>
public static class StationSettingsReader
{
    /// <summary>Where every station's defaults are, and station main's settings.</summary>
    public const string Defaults = "actorstream.station";

    /// <summary>Where the named stations are: actorstream.stations.NAME { source = ..., group = ... }.</summary>
    public const string Named = "actorstream.stations";

    /// <summary>Keys a named station may set besides the defaults' own (which it may override, all but name and run).</summary>
    private static readonly string[] StationOnlyKeys = ["group", "unicast"];

    /// <summary>Station main, from actorstream.station (with its own group, if it names one).</summary>
    public static StationSettings Read(Config config) => Read(config, null);

    /// <summary>
    /// A station's settings: a named station's (<paramref name="name"/>) from actorstream.stations.NAME, every key it does
    /// not set taken from actorstream.station, except group (one group per station: a named station without one gets
    /// the next free group of the range); station main's (null) from actorstream.station alone.
    /// </summary>
    public static StationSettings Read(Config config, string? name)
    {
        var keys = new StationKeys(config, name);
        if (name is not null)
        {
            CheckKeys(config, name);
        }

        var stationName = name ?? config.GetString(keys.Path("name"));
        if (StationNames.Problem(stationName) is { } nameProblem)
        {
            throw ConfigValues.Bad(config, name is null ? keys.Path("name") : $"{Named}.{name}", nameProblem);
        }

        if (!CaptureSource.TryParse(config.GetString(keys.Path("source")), out var source, out var sourceError))
        {
            throw keys.Bad("source", sourceError);
        }

        if (!AudioSource.TryParse(config.GetString(keys.Path("audio")), out var audio, out var audioError))
        {
            throw keys.Bad("audio", audioError);
        }

        // OpenCV captures pictures only: reference.conf's test tone would refuse such a source at start, so it does not
        // apply to one. Audio set on purpose (flag, file, environment, station add) stays, and the capture check names it.
        if (source.Kind is CaptureSourceKind.OpenCvDevice or CaptureSourceKind.OpenCvFile && audio.IsEnabled
            && IsReferenceDefault(config, keys.Path("audio")))
        {
            audio = AudioSource.None;
        }

        var codecText = config.GetString(keys.Path("codec")).Trim().ToLowerInvariant();
        var passthrough = codecText == "copy";
        VideoCodec codec = VideoCodec.H264;
        if (!passthrough && !VideoCodecNames.TryParse(codecText, out codec, out _))
        {
            throw keys.Bad("codec", $"unknown codec '{codecText}'; use h264, h265 or copy");
        }

        if (passthrough && source.Kind != CaptureSourceKind.File)
        {
            throw keys.Bad("codec", "codec 'copy' sends an encoded file as it is; it needs source = file:PATH");
        }

        RawVideoFormat video;
        try
        {
            video = new RawVideoFormat(keys.PositiveInt("width"), keys.PositiveInt("height"), keys.PositiveInt("fps"));
        }
        catch (ArgumentException ex)
        {
            throw keys.Bad("width", ex.Message);
        }

        var keyframeSeconds = ConfigValues.PositiveDuration(config, keys.Path("keyframe-interval")).TotalSeconds;
        var ffmpegLogLevel = config.GetString("actorstream.ffmpeg.log-level");
        var capture = new CaptureSettings { Source = source, Audio = audio, Video = video, LogLevel = ffmpegLogLevel };
        var encoder = new EncoderSettings
        {
            Video = video,
            Codec = codec,
            BitrateKbps = keys.PositiveInt("bitrate-kbps"),
            KeyframeInterval = Math.Max(1, (int)Math.Round(keyframeSeconds * video.Fps)),
            Overlay = config.GetBoolean(keys.Path("overlay-time")),
            Audio = audio.IsEnabled,
            AudioBitrateKbps = keys.PositiveInt("audio-bitrate-kbps"),
            LogLevel = ffmpegLogLevel,
        };

        // The seed's extra destinations go to station main (or, without it, to no station: see SeedNode).
        var destinations = config.GetStringList("actorstream.seed.destinations");
        foreach (var uri in destinations)
        {
            if (!DestinationUri.TryParse(uri, out _, out var error))
            {
                throw ConfigValues.Bad(config, "actorstream.seed.destinations", $"'{uri}': {error}");
            }
        }

        var randomFactor = config.GetDouble(keys.Path("restart.random-factor"));
        if (randomFactor is < 0 or > 1)
        {
            throw keys.Bad("restart.random-factor", $"must be between 0 and 1, got {randomFactor}");
        }

        // The group is the station's own: a named station never inherits main's.
        var groupPath = name is null ? $"{Defaults}.group" : $"{Named}.{name}.group";
        MulticastGroup? group = null;
        var groupText = config.HasPath(groupPath) ? config.GetString(groupPath).Trim() : string.Empty;
        if (groupText.Length > 0)
        {
            if (!MulticastGroup.TryParse(groupText, out group, out var groupError))
            {
                throw ConfigValues.Bad(config, groupPath, groupError);
            }
        }

        return new StationSettings
        {
            Name = stationName,
            Capture = capture,
            Encoder = new EncoderJob(encoder, passthrough ? source.Path : null),
            FanOut = ReadFanOut(config),
            MinBackoff = ConfigValues.PositiveDuration(config, keys.Path("restart.min-backoff")),
            MaxBackoff = ConfigValues.PositiveDuration(config, keys.Path("restart.max-backoff")),
            RandomFactor = randomFactor,
            Destinations = name is null ? destinations : [],
            Group = group,
            Unicast = config.GetBoolean(keys.Path("unicast")),
            Multicast = MulticastSettingsReader.Read(config),
        };
    }

    /// <summary>The value at <paramref name="path"/> is reference.conf's: nobody set it.</summary>
    private static bool IsReferenceDefault(Config config, string path) =>
        config.GetOrigin(path) is { } origin && string.Equals(origin.Source, NodeConfiguration.ReferencePath, StringComparison.Ordinal);

    /// <summary>A typo in a station's section (e.g. "sourse") would otherwise be ignored silently.</summary>
    private static void CheckKeys(Config config, string name)
    {
        if (config.GetValue($"{Named}.{name}") is not HoconObject section)
        {
            throw ConfigValues.Bad(config, $"{Named}.{name}", "must be an object: { source = ..., group = ADDRESS:PORT, ... }");
        }

        var allowed = config.GetValue(Defaults) is HoconObject defaults
            ? defaults.Keys.Where(k => k is not "name" and not "run").Concat(StationOnlyKeys).ToHashSet(StringComparer.Ordinal)
            : StationOnlyKeys.ToHashSet(StringComparer.Ordinal);
        foreach (var key in section.Keys)
        {
            if (!allowed.Contains(key))
            {
                throw ConfigValues.Bad(config, $"{Named}.{name}.{key}",
                    $"unknown station setting '{key}'; a station takes {string.Join(", ", allowed.Order(StringComparer.Ordinal))}");
            }
        }
    }

    /// <summary>Each key of a station: its own section's value when it sets one, else the defaults' (and errors name that key).</summary>
    private readonly struct StationKeys(Config config, string? name)
    {
        public string Path(string key) =>
            name is not null && config.HasPath($"{Named}.{name}.{key}") ? $"{Named}.{name}.{key}" : $"{Defaults}.{key}";

        public int PositiveInt(string key) => ConfigValues.PositiveInt(config, Path(key));

        public ConfigurationException Bad(string key, string problem) => ConfigValues.Bad(config, Path(key), problem);
    }

    public static FanOutSettings ReadFanOut(Config config)
    {
        const string f = "actorstream.fanout.";
        var sendBuffer = config.GetByteSize(f + "udp.send-buffer");
        if (sendBuffer is <= 0 or > int.MaxValue)
        {
            throw ConfigValues.Bad(config, f + "udp.send-buffer", $"must be between 1 byte and 2 GiB, got {sendBuffer}");
        }

        var ttl = config.GetInt(f + "udp.multicast-ttl");
        if (ttl is < 0 or > 255)
        {
            throw ConfigValues.Bad(config, f + "udp.multicast-ttl", $"must be 0..255, got {ttl}");
        }

        return new FanOutSettings
        {
            QueueChunks = ConfigValues.PositiveInt(config, f + "queue-chunks"),
            StatusInterval = ConfigValues.PositiveDuration(config, f + "status-interval"),
            MaxRestarts = ConfigValues.PositiveInt(config, f + "max-restarts"),
            RestartWindow = ConfigValues.PositiveDuration(config, f + "restart-window"),
            Udp = new UdpSenderOptions
            {
                SendBufferBytes = (int)sendBuffer,
                UseGso = config.GetBoolean(f + "udp.gso"),
                Ttl = ttl,
            },
            ReconnectMin = ConfigValues.PositiveDuration(config, f + "tcp.reconnect-min"),
            ReconnectMax = ConfigValues.PositiveDuration(config, f + "tcp.reconnect-max"),
            ConnectTimeout = ConfigValues.PositiveDuration(config, f + "tcp.connect-timeout"),
        };
    }
}
