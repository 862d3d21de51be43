namespace ActorStream.Actors.Sap;

/// <summary>Timer message: time for a round of announcements (ask the stations, then announce them).</summary>
internal sealed record SapTick
{
    public static SapTick Instance { get; } = new();
}
