using System.Collections.Immutable;
using ActorStream.Runtime.Actor;
using ActorStream.Runtime.Cluster.Model;
using ActorStream.Runtime.Remote;
using Microsoft.Extensions.Logging;

namespace ActorStream.Runtime.Cluster;

/// <summary>
/// The cluster membership of one actor system (Akka's Cluster extension): Cluster.Get(system). Created with
/// the system when actorstream.actor.provider = cluster; it then joins the configured seed nodes by itself.
/// </summary>
public sealed class Cluster
{
    private readonly ExtendedActorSystem _system;
    private readonly ICanTell _core;
    private readonly object _lock = new();
    private readonly List<Action> _onUp = [];
    private readonly List<Action> _onRemoved = [];
    private readonly TaskCompletionSource _removed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CurrentClusterState _state = CurrentClusterState.Empty;
    // Written by the core daemon only; replaced whole, so readers on any thread see a consistent map.
    private ImmutableDictionary<Address, ClockOffset> _clockOffsets = ImmutableDictionary<Address, ClockOffset>.Empty;
    private bool _isUp;

    private Cluster(ExtendedActorSystem system)
    {
        if (system.ProviderKind != ProviderKind.Cluster || system.Provider is not RemoteActorRefProvider remote)
            throw new InvalidOperationException($"Cluster needs actorstream.actor.provider = cluster (this system has {system.ProviderKind})");
        _system = system;
        Settings = new ClusterSettings(system.Settings.Config);
        Transport = remote.Transport;
        RemoteProvider = remote;
        SelfUniqueAddress = new UniqueAddress(remote.Transport.Address, remote.Transport.Uid);
        Log = system.LoggerFactory.CreateLogger("ActorStream.Runtime.Cluster");
        // Commands go through /system/cluster (its mailbox exists at once), which forwards to /system/cluster/core.
        _core = system.SystemActorOf(Props.Create(() => new ClusterDaemon(this)), "cluster");
        if (Settings.SeedNodes.Count > 0) JoinSeedNodes(Settings.SeedNodes);
    }

    public static Cluster Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return ((ExtendedActorSystem)system).GetOrAddExtension(s => new Cluster(s));
    }

    public ClusterSettings Settings { get; }
    public Address SelfAddress => SelfUniqueAddress.Address;
    public UniqueAddress SelfUniqueAddress { get; }
    public IReadOnlySet<string> SelfRoles => Settings.Roles;
    internal RemoteTransport Transport { get; }
    internal RemoteActorRefProvider RemoteProvider { get; }
    internal ILogger Log { get; }
    internal ActorSystem System => _system;

    /// <summary>The membership as this node sees it now.</summary>
    public CurrentClusterState State => Volatile.Read(ref _state);

    /// <summary>
    /// How far <paramref name="node"/>'s wall clock is from this node's (its clock minus ours), estimated over the
    /// cluster heartbeats; null until it has answered one. Kept for the nodes this node monitors and for the seeds.
    /// </summary>
    public ClockOffset? ClockOffsetTo(Address node) =>
        Volatile.Read(ref _clockOffsets).TryGetValue(node, out var offset) ? offset : null;

    internal void SetClockOffset(Address node, ClockOffset offset) =>
        ImmutableInterlocked.Update(ref _clockOffsets, map => map.SetItem(node, offset));

    internal void RemoveClockOffset(Address node) =>
        ImmutableInterlocked.Update(ref _clockOffsets, map => map.Remove(node));

    /// <summary>Completes when this node has left the cluster (graceful leave done, or it was downed/removed).</summary>
    public Task WhenRemoved => _removed.Task;

    public bool IsTerminated => _removed.Task.IsCompleted;

    public void Join(Address address) => _core.Tell(new ClusterCommands.JoinTo(address), null);

    public void JoinSeedNodes(IEnumerable<Address> seedNodes) => _core.Tell(new ClusterCommands.JoinSeeds(seedNodes.ToList()), null);

    /// <summary>Marks <paramref name="address"/> Leaving; the leader moves it to Exiting, then Removed.</summary>
    public void Leave(Address address) => _core.Tell(new ClusterCommands.Leave(address), null);

    /// <summary>
    /// Graceful leave of this node (the node programs call it on SIGTERM/Ctrl+C): completes when this node is
    /// Exiting (the leader removes it next) or removed, or when the token is cancelled.
    /// </summary>
    public async Task LeaveAsync(CancellationToken cancellationToken = default)
    {
        if (IsTerminated) return;
        Leave(SelfAddress);
        await _removed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends <paramref name="subscriber"/> a CurrentClusterState, then every event assignable to one of <paramref name="to"/>
    /// (default: IMemberEvent and IReachabilityEvent).</summary>
    public void Subscribe(IActorRef subscriber, params Type[] to) =>
        _core.Tell(new ClusterCommands.Subscribe(subscriber, to.Length == 0 ? [typeof(IMemberEvent), typeof(IReachabilityEvent)] : to), null);

    public void Unsubscribe(IActorRef subscriber) => _core.Tell(new ClusterCommands.Unsubscribe(subscriber), null);

    /// <summary>Runs <paramref name="callback"/> when this node is Up (at once if it already is).</summary>
    public void RegisterOnMemberUp(Action callback)
    {
        lock (_lock)
        {
            if (!_isUp)
            {
                _onUp.Add(callback);
                return;
            }
        }
        callback();
    }

    /// <summary>Runs <paramref name="callback"/> when this node is removed (at once if it already is).</summary>
    public void RegisterOnMemberRemoved(Action callback)
    {
        lock (_lock)
        {
            if (!_removed.Task.IsCompleted)
            {
                _onRemoved.Add(callback);
                return;
            }
        }
        callback();
    }

    internal void UpdateState(CurrentClusterState state) => Volatile.Write(ref _state, state);

    internal void SelfUp()
    {
        List<Action> callbacks;
        lock (_lock)
        {
            if (_isUp) return;
            _isUp = true;
            callbacks = [.. _onUp];
            _onUp.Clear();
        }
        Run(callbacks);
    }

    internal void SelfRemoved()
    {
        List<Action> callbacks;
        lock (_lock)
        {
            if (!_removed.TrySetResult()) return;
            callbacks = [.. _onRemoved];
            _onRemoved.Clear();
        }
        Run(callbacks);
    }

    private void Run(List<Action> callbacks)
    {
        foreach (var callback in callbacks)
        {
            try
            {
                callback();
            }
            catch (Exception e)
            {
                Log.LogError(e, "A cluster callback failed");
            }
        }
    }
}
