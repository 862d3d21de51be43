using ActorStream.Actors.Chat;
using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Hosting;

/// <summary>Reads actorstream.chat for the seed's room, so that a bad value stops the seed at start naming its key and origin.</summary>
public static class ChatSettingsReader
{
    private const string S = "actorstream.chat.";

    public static ChatSettings Read(Config config, RemoteSettings remote)
    {
        var enabled = config.GetBoolean(S + "enabled");
        var database = config.GetString(S + "database").Trim();
        if (database.Length == 0)
        {
            database = Path.Combine(ClusterConfig.DataDirectory(config), $"chat-{remote.Hostname}-{remote.Port}.db");
        }
        else if (database.IndexOfAny(['\0', '\n', '\r']) >= 0)
        {
            throw ConfigValues.Bad(config, S + "database", "must be a file path");
        }

        var room = new ChatRoomSettings
        {
            RecentHistory = Within(config, "recent-history", 0, 10_000),
            HistoryInMemory = Within(config, "history-in-memory", 100, 1_000_000),
            SnapshotEvery = Within(config, "snapshot-every", 10, 1_000_000),
            MaxMessageLength = Within(config, "max-message-length", 1, 100_000),
            MaxNameLength = Within(config, "max-name-length", 3, 200),
            MaxPageSize = Within(config, "max-page-size", 1, 10_000),
            MaxAnnouncements = Within(config, "max-announcements", 1, 1_000),
            RateBurst = Rate(config, "rate-limit.burst", 1),
            RatePerSecond = Rate(config, "rate-limit.per-second", 0.001),
            SyncInterval = ConfigValues.PositiveDuration(config, S + "sync-interval"),
        };
        if (room.RecentHistory > room.HistoryInMemory)
        {
            throw ConfigValues.Bad(config, S + "recent-history", $"must not exceed history-in-memory ({room.HistoryInMemory}), got {room.RecentHistory}");
        }

        ConfigValues.PositiveDuration(config, S + "join-timeout");
        return new ChatSettings(enabled, database, room);
    }

    private static int Within(Config config, string key, int min, int max)
    {
        var value = config.GetInt(S + key);
        return value >= min && value <= max ? value : throw ConfigValues.Bad(config, S + key, $"must be {min}..{max}, got {value}");
    }

    private static double Rate(Config config, string key, double min)
    {
        var value = config.GetDouble(S + key);
        return value >= min && double.IsFinite(value) ? value : throw ConfigValues.Bad(config, S + key, $"must be a number of at least {min}, got {value}");
    }
}
