namespace ActorStream.Actors.Cluster;

/// <summary>Timer message of <see cref="ClockSync"/>: time to ping the seed's clock.</summary>
internal sealed record ClockSyncTick
{
    public static ClockSyncTick Instance { get; } = new();
}
