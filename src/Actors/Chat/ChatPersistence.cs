using Akka.Configuration;
using Akka.Persistence.Sql;

namespace ActorStream.Actors.Chat;

/// <summary>
/// Akka.Persistence settings that put the chat's journal and snapshots into one SQLite file through
/// Akka.Persistence.Sql (linq2db's Microsoft.Data.Sqlite provider), tables created on first use. The seed adds them to
/// its actor system; nothing else persists.
/// </summary>
public static class ChatPersistence
{
    /// <summary>The HOCON for <paramref name="databasePath"/>, with Akka.Persistence.Sql's defaults as fallback (it needs them).</summary>
    public static Config For(string databasePath)
    {
        var connection = Quote($"Data Source={databasePath}");
        var hocon = $$"""
            akka.persistence {
              journal.plugin = "akka.persistence.journal.sql"
              journal.sql { connection-string = {{connection}}, provider-name = "SQLite.MS", auto-initialize = on }
              snapshot-store.plugin = "akka.persistence.snapshot-store.sql"
              snapshot-store.sql { connection-string = {{connection}}, provider-name = "SQLite.MS", auto-initialize = on }
              query.journal.sql { connection-string = {{connection}}, provider-name = "SQLite.MS" }
            }
            """;
        return ConfigurationFactory.ParseString(hocon).WithFallback(SqlPersistence.DefaultConfiguration);
    }

    /// <summary>A HOCON quoted string (a path may hold quotes or backslashes).</summary>
    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
