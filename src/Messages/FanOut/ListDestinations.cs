namespace ActorStream.Messages.FanOut;

/// <summary>Query: answered with a <see cref="DestinationList"/>.</summary>
public sealed record ListDestinations
{
    public static ListDestinations Instance { get; } = new();
}
