namespace ActorStream.Messages.Viewer;

/// <summary>Query to a receiver: answered with <see cref="ReceiverStatus"/>.</summary>
public sealed record GetReceiverStatus
{
    public static GetReceiverStatus Instance { get; } = new();
}
