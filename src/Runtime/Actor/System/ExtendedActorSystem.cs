namespace ActorStream.Runtime.Actor;

/// <summary>The runtime-facing part of a system (Akka's ExtendedActorSystem): provider, guardians, system actors.</summary>
public abstract class ExtendedActorSystem : ActorSystem
{
    public abstract IActorRefProvider Provider { get; }
    public abstract IInternalActorRef Guardian { get; }
    public abstract IInternalActorRef SystemGuardian { get; }

    /// <summary>Creates an actor under /system (for runtime services such as remoting later).</summary>
    public abstract IActorRef SystemActorOf(Props props, string? name = null);
}
