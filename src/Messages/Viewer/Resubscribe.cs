namespace ActorStream.Messages.Viewer;

/// <summary>To a receiver: subscribe again now (sent when the seed node rejoined as a new incarnation).</summary>
public sealed record Resubscribe
{
    public static Resubscribe Instance { get; } = new();
}
