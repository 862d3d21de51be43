using ActorStream.Actors.FanOut;
using ActorStream.Actors.Pipeline;
using ActorStream.Actors.Stations;
using ActorStream.Media.Ffmpeg;
using ActorStream.Media.Transport;
using ActorStream.Media.Video;
using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Hosting;

/// <summary>Reads a station's settings (actorstream.station, .fanout, .ffmpeg, .seed) from the effective config,
/// validating every value so that a bad one stops the node at startup with its key and origin.</summary>
public static class StationSettingsReader
{
    public static StationSettings Read(Config config)
    {
        const string s = "actorstream.station.";
        var name = config.GetString(s + "name");
        if (string.IsNullOrWhiteSpace(name) || name.Contains('/') || name.StartsWith('$'))
        {
            throw ConfigValues.Bad(config, s + "name", $"'{name}' is not a usable station name (no '/', not empty, not starting with '$')");
        }

        if (!CaptureSource.TryParse(config.GetString(s + "source"), out var source, out var sourceError))
        {
            throw ConfigValues.Bad(config, s + "source", sourceError);
        }

        if (!AudioSource.TryParse(config.GetString(s + "audio"), out var audio, out var audioError))
        {
            throw ConfigValues.Bad(config, s + "audio", audioError);
        }

        var codecText = config.GetString(s + "codec").Trim().ToLowerInvariant();
        var passthrough = codecText == "copy";
        VideoCodec codec = VideoCodec.H264;
        if (!passthrough && !VideoCodecNames.TryParse(codecText, out codec, out _))
        {
            throw ConfigValues.Bad(config, s + "codec", $"unknown codec '{codecText}'; use h264, h265 or copy");
        }

        if (passthrough && source.Kind != CaptureSourceKind.File)
        {
            throw ConfigValues.Bad(config, s + "codec", "codec 'copy' sends an encoded file as it is; it needs source = file:PATH");
        }

        RawVideoFormat video;
        try
        {
            video = new RawVideoFormat(ConfigValues.PositiveInt(config, s + "width"), ConfigValues.PositiveInt(config, s + "height"),
                ConfigValues.PositiveInt(config, s + "fps"));
        }
        catch (ArgumentException ex)
        {
            throw ConfigValues.Bad(config, s + "width", ex.Message);
        }

        var keyframeSeconds = ConfigValues.PositiveDuration(config, s + "keyframe-interval").TotalSeconds;
        var ffmpegLogLevel = config.GetString("actorstream.ffmpeg.log-level");
        var capture = new CaptureSettings { Source = source, Audio = audio, Video = video, LogLevel = ffmpegLogLevel };
        var encoder = new EncoderSettings
        {
            Video = video,
            Codec = codec,
            BitrateKbps = ConfigValues.PositiveInt(config, s + "bitrate-kbps"),
            KeyframeInterval = Math.Max(1, (int)Math.Round(keyframeSeconds * video.Fps)),
            Overlay = config.GetBoolean(s + "overlay-time"),
            Audio = audio.IsEnabled,
            AudioBitrateKbps = ConfigValues.PositiveInt(config, s + "audio-bitrate-kbps"),
            LogLevel = ffmpegLogLevel,
        };

        var destinations = config.GetStringList("actorstream.seed.destinations");
        foreach (var uri in destinations)
        {
            if (!DestinationUri.TryParse(uri, out _, out var error))
            {
                throw ConfigValues.Bad(config, "actorstream.seed.destinations", $"'{uri}': {error}");
            }
        }

        var randomFactor = config.GetDouble(s + "restart.random-factor");
        if (randomFactor is < 0 or > 1)
        {
            throw ConfigValues.Bad(config, s + "restart.random-factor", $"must be between 0 and 1, got {randomFactor}");
        }

        return new StationSettings
        {
            Name = name,
            Capture = capture,
            Encoder = new EncoderJob(encoder, passthrough ? source.Path : null),
            FanOut = ReadFanOut(config),
            MinBackoff = ConfigValues.PositiveDuration(config, s + "restart.min-backoff"),
            MaxBackoff = ConfigValues.PositiveDuration(config, s + "restart.max-backoff"),
            RandomFactor = randomFactor,
            Destinations = destinations,
        };
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
