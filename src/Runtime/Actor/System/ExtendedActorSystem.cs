namespace ActorStream.Runtime.Actor;

/// <summary>The runtime-facing part of a system (Akka's ExtendedActorSystem): provider, guardians, system actors.</summary>
public abstract class ExtendedActorSystem : ActorSystem
{
    public abstract IActorRefProvider Provider { get; }
    public abstract IInternalActorRef Guardian { get; }
    public abstract IInternalActorRef SystemGuardian { get; }

    /// <summary>Creates an actor under /system (for runtime services such as remoting later).</summary>
    public abstract IActorRef SystemActorOf(Props props, string? name = null);

    /// <summary>Every message type that may cross nodes, by stable manifest.</summary>
    public abstract Serialization.MessageRegistry MessageRegistry { get; }

    /// <summary>actorstream.actor.provider: local, remote or cluster.</summary>
    public abstract Remote.ProviderKind ProviderKind { get; }

    /// <summary>One instance of <typeparamref name="T"/> per system (Akka's extensions: Cluster.Get...).</summary>
    public abstract T GetOrAddExtension<T>(Func<ExtendedActorSystem, T> create) where T : class;
}
