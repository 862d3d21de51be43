using Microsoft.Data.Sqlite;

namespace ActorStream.Actors.Chat;

/// <summary>
/// The seed's check, before it starts, that the chat's SQLite file can be created, opened and written: a chat that
/// found out at its first message would lose it. Also switches the file to write-ahead logging, so history pages
/// read while messages are written.
/// </summary>
public static class ChatDatabase
{
    /// <summary>Creates the directory and the file if needed and makes a write that is rolled back.</summary>
    /// <exception cref="ChatDatabaseException">It cannot be used; the message says what failed.</exception>
    public static void EnsureWritable(string path)
    {
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            if (Directory.Exists(path))
            {
                throw new ChatDatabaseException($"chat database '{path}' is a directory, not a file");
            }

            var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
            using var connection = new SqliteConnection(builder.ConnectionString);
            connection.Open();
            using (var wal = connection.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode=WAL;";
                wal.ExecuteScalar();
            }

            // A real write, rolled back: a read-only file, directory or disk fails here, not at the first message.
            using var transaction = connection.BeginTransaction();
            using (var probe = connection.CreateCommand())
            {
                probe.Transaction = transaction;
                probe.CommandText = "CREATE TABLE actorstream_write_check (x INTEGER); INSERT INTO actorstream_write_check VALUES (1);";
                probe.ExecuteNonQuery();
            }

            transaction.Rollback();
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ChatDatabaseException($"cannot use chat database '{path}': {ex.Message}", ex);
        }
    }
}

