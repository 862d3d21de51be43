using ActorStream.Nodes.Configuration;
using ActorStream.Nodes.Hosting;
using ActorStream.Nodes.Tests.Configuration;

namespace ActorStream.Nodes.Tests.Hosting;

/// <summary>actorstream.chat read from the real reference.conf and overrides, with no environment.</summary>
public sealed class ChatSettingsReaderTests
{
    private static readonly RemoteSettings Remote = new("10.0.0.5", 4053, null, "");

    [Fact]
    public void Defaults_keep_the_database_in_the_data_directory_per_cluster_address()
    {
        var chat = ChatSettingsReader.Read(Load(("actorstream.seed.data-directory", "/var/lib/as")), Remote);

        Assert.True(chat.Enabled);
        Assert.Equal("/var/lib/as/chat-10.0.0.5-4053.db", chat.DatabasePath);
        Assert.Equal((50, 2000, 1000, 500, 32), (chat.Room.RecentHistory, chat.Room.HistoryInMemory, chat.Room.SnapshotEvery,
            chat.Room.MaxMessageLength, chat.Room.MaxNameLength));
        Assert.Equal((5.0, 1.0), (chat.Room.RateBurst, chat.Room.RatePerSecond));
        Assert.Equal(TimeSpan.FromSeconds(2), chat.Room.SyncInterval);
    }

    [Fact]
    public void A_database_path_given_is_used_as_is()
    {
        var chat = ChatSettingsReader.Read(Load(("actorstream.chat.database", "/srv/chat/history.db")), Remote);

        Assert.Equal("/srv/chat/history.db", chat.DatabasePath);
    }

    [Theory]
    [InlineData("actorstream.chat.rate-limit.burst", "0")]
    [InlineData("actorstream.chat.rate-limit.per-second", "-1")]
    [InlineData("actorstream.chat.max-message-length", "0")]
    [InlineData("actorstream.chat.recent-history", "5000")]
    [InlineData("actorstream.chat.sync-interval", "0s")]
    [InlineData("actorstream.chat.max-page-size", "100000")]
    public void A_bad_value_is_refused_naming_its_key(string key, string value)
    {
        var ex = Assert.Throws<ConfigurationException>(() => ChatSettingsReader.Read(Load((key, value)), Remote));

        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
    }

    private static Config Load(params (string Key, string Value)[] overrides) =>
        new NodeConfigLoader(new Dictionary<string, string>()).Load(NodeConfiguration.ReferencePath, null,
            overrides.Select(o => new ConfigOverride(o.Key, o.Value)).ToList());
}
