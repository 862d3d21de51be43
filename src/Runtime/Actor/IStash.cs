namespace ActorStream.Runtime.Actor;

/// <summary>Akka's stash: set messages aside and put them back in front of the mailbox later.</summary>
public interface IStash
{
    /// <summary>Stashes the message being processed (with its sender).</summary>
    void Stash();

    /// <summary>Puts the oldest stashed message back at the front of the mailbox.</summary>
    void Unstash();

    /// <summary>Puts all stashed messages back at the front of the mailbox, in the order they were stashed.</summary>
    void UnstashAll();

    void UnstashAll(Func<Dispatch.Envelope, bool> predicate);

    /// <summary>Drops the stashed messages and returns them.</summary>
    IReadOnlyList<Dispatch.Envelope> ClearStash();

    int Count { get; }
    bool IsEmpty { get; }
}
