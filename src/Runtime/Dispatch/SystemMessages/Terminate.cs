namespace ActorStream.Runtime.Dispatch;

/// <summary>Stop the actor: children first, then PostStop, then tell parent and watchers.</summary>
internal sealed class Terminate : ISystemMessage
{
    public static Terminate Instance { get; } = new();
    private Terminate() { }
}
