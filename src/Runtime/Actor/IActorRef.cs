namespace ActorStream.Runtime.Actor;

/// <summary>
/// An immutable, thread-safe handle to an actor. Two refs are equal when they have the same path and the
/// same uid (the same incarnation), as in Akka.
/// </summary>
public interface IActorRef : ICanTell, IEquatable<IActorRef>, IComparable<IActorRef>
{
    ActorPath Path { get; }
}
