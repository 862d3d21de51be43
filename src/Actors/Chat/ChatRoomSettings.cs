namespace ActorStream.Actors.Chat;

/// <summary>How /user/chat behaves (actorstream.chat, read and checked by the seed's ChatSettingsReader).</summary>
public sealed record ChatRoomSettings
{
    /// <summary>The journal's persistence id: one chat per seed database.</summary>
    public string PersistenceId { get; init; } = "actorstream-chat";

    /// <summary>Visible messages a participant gets when it joins.</summary>
    public int RecentHistory { get; init; } = 50;

    /// <summary>Events kept in memory and in each snapshot; older pages are read from the journal.</summary>
    public int HistoryInMemory { get; init; } = 2_000;

    /// <summary>A snapshot after this many events.</summary>
    public int SnapshotEvery { get; init; } = 1_000;

    public int MaxMessageLength { get; init; } = 500;

    public int MaxNameLength { get; init; } = 32;

    public int MaxPageSize { get; init; } = 500;

    public int MaxAnnouncements { get; init; } = 20;

    public double RateBurst { get; init; } = 5;

    public double RatePerSecond { get; init; } = 1;

    /// <summary>How often the last sequence is published (participants fetch what they missed).</summary>
    public TimeSpan SyncInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The name on announcements and moderation events whose host gave none.</summary>
    public string HostName { get; init; } = "host";
}
