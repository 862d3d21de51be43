namespace ActorStream.Nodes.Viewer;

/// <summary>
/// The last chat event a viewer node printed. It outlives the node's actor systems (a downed node starts a new one),
/// so that the next participant catches up after it instead of printing the chat's recent history again.
/// </summary>
public sealed class ChatShownUpTo
{
    private long _value;

    public long Value => Interlocked.Read(ref _value);

    /// <summary>Written by the printer, read when the next actor system starts.</summary>
    public void Set(long sequence) => Interlocked.Exchange(ref _value, sequence);
}
