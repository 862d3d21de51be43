namespace ActorStream.Media.Receive;

/// <summary>How a <see cref="CommandOutput"/> feeds and restarts its player.</summary>
public sealed record CommandOutputOptions
{
    /// <summary>Datagrams queued for the player's stdin before the oldest is dropped (2048 x 1316 B is about 2.7 MB).</summary>
    public int QueueChunks { get; init; } = 2048;

    /// <summary>First wait before a player that exited is started again; doubles up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A player that ran this long before exiting starts again after <see cref="MinBackoff"/>, not a longer wait.</summary>
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>On dispose: time the player gets to finish after its stdin is closed, and again after SIGTERM.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(2);
}
