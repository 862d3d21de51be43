namespace ActorStream.Runtime.Actor;

/// <summary>Delivered when the actor received nothing for the duration set with SetReceiveTimeout.</summary>
public sealed class ReceiveTimeout : IAutoReceivedMessage, INotInfluenceReceiveTimeout
{
    public static ReceiveTimeout Instance { get; } = new();
    private ReceiveTimeout() { }
    public override string ToString() => "<ReceiveTimeout>";
}
