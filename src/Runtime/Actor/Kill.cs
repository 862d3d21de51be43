namespace ActorStream.Runtime.Actor;

/// <summary>Makes the actor fail with <see cref="ActorKilledException"/> when processed (its supervisor decides; default: Stop).</summary>
public sealed class Kill : IAutoReceivedMessage
{
    public static Kill Instance { get; } = new();
    private Kill() { }
    public override string ToString() => "<Kill>";
}
