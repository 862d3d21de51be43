using ActorStream.Runtime.Dispatch;
using Microsoft.Extensions.Logging;

namespace ActorStream.Runtime.Actor;

/// <summary>
/// The parent of the root guardian (Akka's "bubble walker"): it hears that the root died, which completes
/// the system's termination, and stops the root if it ever fails.
/// </summary>
internal sealed class TerminationWalker(ActorSystemImpl system, ActorPath path, Action onRootTerminated) : ActorRefBase
{
    private int _terminated;

    public override ActorPath Path { get; } = path;
    public override IInternalActorRef Parent => this;
    public override IActorRefProvider Provider => system.Provider;
    public override bool IsLocal => true;
    public override bool IsTerminated => Volatile.Read(ref _terminated) != 0;

    public override void Tell(object message, IActorRef? sender)
    {
    }

    public override void SendSystemMessage(ISystemMessage message)
    {
        switch (message)
        {
            case Failed failed:
                system.Log.LogError(failed.Cause, "The root guardian failed; shutting down the actor system");
                ((IInternalActorRef)failed.Child).Stop();
                break;
            case DeathWatchNotification:
                if (Interlocked.Exchange(ref _terminated, 1) == 0) onRootTerminated();
                break;
        }
    }
}
