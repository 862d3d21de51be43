using ActorStream.Runtime.Dispatch;

namespace ActorStream.Runtime.Actor;

/// <summary>
/// The runtime's view of a ref (Akka's IInternalActorRef): lifecycle control and system messages.
/// Local refs, temporary (ask) refs and, later, remote refs implement it; user code uses <see cref="IActorRef"/>.
/// </summary>
public interface IInternalActorRef : IActorRef
{
    IInternalActorRef Parent { get; }
    IActorRefProvider Provider { get; }

    /// <summary>True when the actor lives in this process.</summary>
    bool IsLocal { get; }

    /// <summary>Best-effort: true once the actor is known to be dead.</summary>
    bool IsTerminated { get; }

    void Start();
    void Stop();
    void Suspend();
    void Resume(Exception? causedByFailure = null);
    void Restart(Exception cause);
    void SendSystemMessage(ISystemMessage message);

    /// <summary>The descendant named by <paramref name="names"/> (".." goes up), or Nobody.</summary>
    IInternalActorRef GetChild(IReadOnlyList<string> names);
}
