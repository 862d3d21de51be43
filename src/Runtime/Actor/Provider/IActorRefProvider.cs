namespace ActorStream.Runtime.Actor;

/// <summary>
/// Creates and resolves refs for one actor system (Akka's IActorRefProvider). The local provider is the only
/// one now; a remote provider can later resolve paths with a host and port into remote refs behind this seam.
/// </summary>
public interface IActorRefProvider
{
    IInternalActorRef RootGuardian { get; }

    /// <summary>/user: parent of every actor created with system.ActorOf.</summary>
    IInternalActorRef Guardian { get; }

    /// <summary>/system: parent of the runtime's own actors.</summary>
    IInternalActorRef SystemGuardian { get; }

    IInternalActorRef DeadLetters { get; }

    Address DefaultAddress { get; }

    ActorPath RootPath { get; }

    /// <summary>A fresh unique path under /temp (for ask refs).</summary>
    ActorPath TempPath();

    void RegisterTempActor(IInternalActorRef actorRef, ActorPath path);

    void UnregisterTempActor(ActorPath path);

    /// <summary>The ref at <paramref name="path"/>, or DeadLetters when no such actor (or incarnation) exists.</summary>
    IActorRef ResolveActorRef(ActorPath path);

    IActorRef ResolveActorRef(string path);
}
