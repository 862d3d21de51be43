namespace ActorStream.Runtime.Dispatch;

/// <summary>First message of every actor: construct the instance and run PreStart.</summary>
internal sealed class Create : ISystemMessage
{
    public static Create Instance { get; } = new();
    private Create() { }
}
