using System.Text.RegularExpressions;
using ActorStream.Nodes.Configuration;
using ActorStream.Nodes.Web.Console;

namespace ActorStream.Nodes.Hosting;

/// <summary>Reads actorstream.web, so that a bad value (or a password hash that is not one) stops the seed at start
/// naming its key and origin, rather than a console that nobody can log in to.</summary>
public static partial class WebConsoleSettingsReader
{
    private const string S = "actorstream.web.";

    /// <summary>User names: a HOCON key without quoting, and something a login form can carry.</summary>
    public const int MaxUserNameLength = 64;

    public static WebConsoleSettings Read(Config config)
    {
        var users = new Dictionary<string, PasswordHash>(StringComparer.Ordinal);
        var usersConfig = config.GetConfig(S + "users");
        foreach (var name in usersConfig.Root.Keys.Order(StringComparer.Ordinal))
        {
            var key = $"{S}users.{name}";
            if (!UserName().IsMatch(name))
            {
                throw ConfigValues.Bad(config, S + "users", $"user name '{name}' must be 1..{MaxUserNameLength} letters, digits, '-' or '_'");
            }

            if (usersConfig.Root.Fields[name] is not HoconObject || !config.HasPath(key + ".password-hash"))
            {
                throw ConfigValues.Bad(config, key, "must be an object with password-hash = \"...\" (made by `actorstream web hash-password`)");
            }

            if (!PasswordHash.TryParse(config.GetString(key + ".password-hash"), out var hash, out var problem))
            {
                throw ConfigValues.Bad(config, key + ".password-hash", problem);
            }

            users[name] = hash!;
        }

        var timeout = ConfigValues.PositiveDuration(config, S + "session-timeout");
        if (timeout > TimeSpan.FromDays(365))
        {
            throw ConfigValues.Bad(config, S + "session-timeout", $"must be at most 365 days, got {timeout}");
        }

        return new WebConsoleSettings(
            config.GetBoolean(S + "console"),
            config.GetBoolean(S + "watch-requires-login"),
            users,
            timeout,
            Bytes(config, "max-request-bytes", 256, 16 * 1024 * 1024),
            Bytes(config, "max-socket-message-bytes", 256, 1024 * 1024),
            Within(config, "socket-burst", 1, 100_000),
            Rate(config, "socket-messages-per-second"),
            Within(config, "actions-per-minute", 1, 1_000_000),
            Within(config, "max-live-connections", 1, 100_000),
            Within(config, "max-stream-connections", 1, 100_000),
            Within(config, "stream-queue-chunks", 16, 1_000_000));
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex UserName();

    private static int Within(Config config, string key, int min, int max)
    {
        var value = config.GetInt(S + key);
        return value >= min && value <= max ? value : throw ConfigValues.Bad(config, S + key, $"must be {min}..{max}, got {value}");
    }

    private static int Bytes(Config config, string key, int min, int max)
    {
        var value = config.GetByteSize(S + key);
        return value >= min && value <= max ? (int)value : throw ConfigValues.Bad(config, S + key, $"must be {min}..{max} bytes, got {value}");
    }

    private static double Rate(Config config, string key)
    {
        var value = config.GetDouble(S + key);
        return double.IsFinite(value) && value >= 0.01 && value <= 100_000
            ? value
            : throw ConfigValues.Bad(config, S + key, $"must be a number 0.01..100000, got {value}");
    }
}
