namespace ActorStream.Runtime.Actor;

/// <summary>Well-known refs and the equality rules every ref implementation shares.</summary>
public static class ActorRefs
{
    /// <summary>A ref to no actor: messages to it are dropped (as dead letters are not even recorded).</summary>
    public static IActorRef Nobody => Actor.Nobody.Instance;

    /// <summary>"No sender" as a value to pass to Tell.</summary>
    public static IActorRef? NoSender => null;

    /// <summary>Refs are equal when path and uid are equal (one incarnation of one slot).</summary>
    public static bool AreEqual(IActorRef? a, IActorRef? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null) return false;
        return a.Path.Uid == b.Path.Uid && a.Path.Equals(b.Path);
    }

    public static int HashOf(IActorRef actorRef) => HashCode.Combine(actorRef.Path, actorRef.Path.Uid);

    public static int Compare(IActorRef a, IActorRef? b)
    {
        if (b is null) return 1;
        var byPath = a.Path.CompareTo(b.Path);
        return byPath != 0 ? byPath : a.Path.Uid.CompareTo(b.Path.Uid);
    }
}
