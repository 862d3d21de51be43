using ActorStream.Actors.Chat;

namespace ActorStream.Actors.Tests.Chat;

/// <summary>The seed's start-up check of the chat's SQLite file (tests run as root, so permissions alone prove nothing).</summary>
public sealed class ChatDatabaseTests
{
    [Fact]
    public void A_new_file_in_a_new_directory_is_created_and_writable()
    {
        var directory = Directory.CreateTempSubdirectory("actorstream-chatdb-");
        try
        {
            var path = Path.Combine(directory.FullName, "sub", "chat.db");

            ChatDatabase.EnsureWritable(path);
            ChatDatabase.EnsureWritable(path);

            Assert.True(File.Exists(path));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("/proc/actorstream-nope/chat.db")]
    [InlineData("/proc/version")]
    public void A_path_that_cannot_be_written_is_refused_naming_it(string path)
    {
        var ex = Assert.Throws<ChatDatabaseException>(() => ChatDatabase.EnsureWritable(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_is_not_a_database()
    {
        var directory = Directory.CreateTempSubdirectory("actorstream-chatdb-");
        try
        {
            var ex = Assert.Throws<ChatDatabaseException>(() => ChatDatabase.EnsureWritable(directory.FullName));

            Assert.Contains("is a directory", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
