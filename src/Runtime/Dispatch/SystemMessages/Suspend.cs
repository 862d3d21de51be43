namespace ActorStream.Runtime.Dispatch;

/// <summary>Stop processing user messages (recursively) until a matching Resume.</summary>
internal sealed class Suspend : ISystemMessage
{
    public static Suspend Instance { get; } = new();
    private Suspend() { }
}
