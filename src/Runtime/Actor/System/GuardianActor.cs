namespace ActorStream.Runtime.Actor;

/// <summary>/user and /system: parents of top-level actors; they supervise with the strategy their Props carry.</summary>
internal sealed class GuardianActor : ActorBase
{
    protected internal override bool Receive(object message) => message is Terminated;
}
