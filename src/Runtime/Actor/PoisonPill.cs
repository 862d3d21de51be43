namespace ActorStream.Runtime.Actor;

/// <summary>Stops the actor when processed; messages queued before it are handled first.</summary>
public sealed class PoisonPill : IAutoReceivedMessage
{
    public static PoisonPill Instance { get; } = new();
    private PoisonPill() { }
    public override string ToString() => "<PoisonPill>";
}
