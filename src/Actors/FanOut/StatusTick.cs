namespace ActorStream.Actors.FanOut;

/// <summary>Timer message: time to report figures to the parent.</summary>
internal sealed record StatusTick
{
    public static StatusTick Instance { get; } = new();
}
