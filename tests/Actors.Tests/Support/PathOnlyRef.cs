using Akka.Actor;

namespace ActorStream.Actors.Tests.Support;

/// <summary>
/// An actor ref that is nothing but a path: a distinct identity for plain code that keys on refs, with no actor
/// system behind it. Whatever is told to it is dropped.
/// </summary>
internal sealed class PathOnlyRef(string name) : MinimalActorRef
{
    public override ActorPath Path { get; } = new RootActorPath(new Address("akka", "plain")) / name;

    public override IActorRefProvider Provider => throw new NotSupportedException("a path-only ref has no provider");
}
