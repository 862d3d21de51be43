using System.Net;
using ActorStream.Actors.Rtsp;
using ActorStream.Media.Rtsp;
using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Hosting;

/// <summary>Reads actorstream.rtsp for the seed's RTSP server, so that a bad value stops the seed at start with its key and
/// origin. Users' passwords are kept for Digest and never written anywhere.</summary>
public static class RtspSettingsReader
{
    private const string S = "actorstream.rtsp.";
    private static readonly string[] Starts = ["next-keyframe", "cached-gop"];
    private static readonly string[] Methods = ["basic", "digest"];

    public static RtspSettings Read(Config config)
    {
        var host = config.GetString(S + "host").Trim();
        if (host.Length == 0)
        {
            host = config.GetString("actorstream.remote.hostname").Trim();
        }

        if (!IPAddress.TryParse(host, out _))
        {
            throw ConfigValues.Bad(config, S + "host", $"must be an IP address (\"\" is the seed's --host), got '{host}'");
        }

        var port = Port(config, "port");
        var rtpPort = Port(config, "rtp-port");
        if (rtpPort % 2 != 0)
        {
            throw ConfigValues.Bad(config, S + "rtp-port", $"must be even (RTCP takes the port above it), got {rtpPort}");
        }

        var multicastPort = Port(config, "multicast-port");
        if (multicastPort == 0 || multicastPort % 2 != 0 || multicastPort > 65532)
        {
            throw ConfigValues.Bad(config, S + "multicast-port", $"must be an even port of 2..65532 (video, audio at +2, RTCP above each), got {multicastPort}");
        }

        var payload = config.GetInt(S + "max-payload-size");
        if (payload is < 200 or > 65000)
        {
            throw ConfigValues.Bad(config, S + "max-payload-size", $"must be 200..65000 bytes, got {payload}");
        }

        var start = config.GetString(S + "session-start").Trim().ToLowerInvariant();
        if (!Starts.Contains(start))
        {
            throw ConfigValues.Bad(config, S + "session-start", $"must be {string.Join(" or ", Starts)}, got '{start}'");
        }

        var backlog = config.GetByteSize(S + "tcp-backlog");
        if (backlog < 64 * 1024)
        {
            throw ConfigValues.Bad(config, S + "tcp-backlog", $"must be at least 64 KiB (a keyframe must fit), got {backlog} bytes");
        }

        var methods = config.GetStringList(S + "auth-methods").Select(m => m.Trim().ToLowerInvariant()).Distinct().ToList();
        if (methods.Count == 0 || methods.Any(m => !Methods.Contains(m)))
        {
            throw ConfigValues.Bad(config, S + "auth-methods", $"must list basic and/or digest, got [{string.Join(", ", methods)}]");
        }

        var realm = config.GetString(S + "realm");
        if (realm.Length == 0 || realm.Any(c => c is '"' or '\\' || char.IsControl(c)))
        {
            throw ConfigValues.Bad(config, S + "realm", "must be non-empty, without quotes, backslashes or control characters");
        }

        var limits = new RtspParserLimits
        {
            MaxRequestLineLength = ConfigValues.PositiveInt(config, S + "max-request-line"),
            MaxHeaderCount = ConfigValues.PositiveInt(config, S + "max-header-count"),
            MaxHeaderLineLength = ConfigValues.PositiveInt(config, S + "max-header-line"),
            MaxHeadSize = Size(config, "max-head-size"),
            MaxBodySize = Size(config, "max-body-size"),
        };

        return new RtspSettings(
            config.GetBoolean(S + "enabled"),
            host,
            port,
            rtpPort,
            ConfigValues.PositiveDuration(config, S + "session-timeout"),
            payload,
            start,
            backlog,
            multicastPort,
            ConfigValues.PositiveInt(config, S + "max-connections"),
            ConfigValues.PositiveInt(config, S + "max-sessions"),
            ConfigValues.PositiveInt(config, S + "max-sessions-per-connection"),
            ConfigValues.PositiveDuration(config, S + "idle-timeout"),
            limits,
            Users(config),
            methods,
            realm);
    }

    private static int Port(Config config, string key)
    {
        var port = config.GetInt(S + key);
        return port is >= 0 and <= 65535 ? port : throw ConfigValues.Bad(config, S + key, $"must be 0..65535, got {port}");
    }

    private static int Size(Config config, string key)
    {
        var size = config.GetByteSize(S + key);
        return size is > 0 and <= 16 * 1024 * 1024
            ? (int)size
            : throw ConfigValues.Bad(config, S + key, $"must be 1 byte..16 MiB, got {size}");
    }

    private static IReadOnlyList<RtspUser> Users(Config config)
    {
        const string key = S + "users";
        var value = config.GetValue(key);
        if (value is null or HoconScalar { Kind: HoconScalarKind.Null })
        {
            return [];
        }

        if (value is not HoconObject section)
        {
            throw ConfigValues.Bad(config, key, "must be an object: { NAME { password = \"...\", stations = [\"*\"] } ... }");
        }

        var users = new List<RtspUser>();
        foreach (var name in section.Keys.Order(StringComparer.Ordinal))
        {
            // Basic sends "name:password": a colon in a name could not be told apart; Digest quotes it.
            if (name.Length is 0 or > 64 || name.Any(c => c is ':' or '"' or '\\' || char.IsControl(c) || char.IsWhiteSpace(c)))
            {
                throw new ConfigurationException(
                    $"{section.Fields[name].Origin}: {key}.\"{name}\": a user name is 1..64 characters without ':', quotes, backslashes or spaces");
            }

            var path = $"{key}.\"{name}\"";
            var password = config.GetString(path + ".password", "");
            if (password.Length == 0)
            {
                throw ConfigValues.Bad(config, path, "needs a password (password = \"...\")");
            }

            var stations = config.GetStringList(path + ".stations", ["*"]);
            if (stations.Count == 0)
            {
                throw ConfigValues.Bad(config, path + ".stations", "lists no station: give [\"*\"] for every station, or names");
            }

            users.Add(new RtspUser(name, password, stations));
        }

        return users;
    }
}
