using ActorStream.Runtime.Actor;
using ActorStream.Runtime.Serialization;

namespace ActorStream.Runtime.Remote;

/// <summary>
/// The provider of a system with remoting (actorstream.actor.provider = remote or cluster): the local tree is
/// the local provider's; paths on this node's address resolve locally, paths with another host and port
/// resolve to <see cref="RemoteActorRef"/>.
/// </summary>
public sealed class RemoteActorRefProvider : IActorRefProvider
{
    private readonly LocalActorRefProvider _local;

    internal RemoteActorRefProvider(ActorSystemImpl system, LocalActorRefProvider local, RemoteTransport transport)
    {
        System = system;
        _local = local;
        Transport = transport;
        Watcher = new RemoteWatcher(transport.Log);
        Serializer = new WireSerializer(system.MessageRegistry, this);
    }

    internal ActorSystemImpl System { get; }
    internal RemoteWatcher Watcher { get; }

    /// <summary>The TCP transport (its address, uid and counters).</summary>
    public RemoteTransport Transport { get; }

    public WireSerializer Serializer { get; }

    public IInternalActorRef RootGuardian => _local.RootGuardian;
    public IInternalActorRef Guardian => _local.Guardian;
    public IInternalActorRef SystemGuardian => _local.SystemGuardian;
    public IInternalActorRef DeadLetters => _local.DeadLetters;
    public Address DefaultAddress => _local.DefaultAddress;
    public ActorPath RootPath => _local.RootPath;

    public ActorPath TempPath() => _local.TempPath();
    public void RegisterTempActor(IInternalActorRef actorRef, ActorPath path) => _local.RegisterTempActor(actorRef, path);
    public void UnregisterTempActor(ActorPath path) => _local.UnregisterTempActor(path);

    public IActorRef ResolveActorRef(string path) =>
        ActorPath.TryParse(path, out var parsed) ? ResolveActorRef(parsed) : DeadLetters;

    public IActorRef ResolveActorRef(ActorPath path)
    {
        if (path.Address.Equals(DefaultAddress)) return _local.ResolveActorRef(path);
        return path.Address.HasGlobalScope && path.Address.Port is not null ? new RemoteActorRef(this, path) : DeadLetters;
    }

    /// <summary>The node at <paramref name="address"/> is gone (downed, removed, restarted): Terminated for what was watched there.</summary>
    public void NotifyAddressTerminated(Address address) => Watcher.AddressTerminated(address);
}
