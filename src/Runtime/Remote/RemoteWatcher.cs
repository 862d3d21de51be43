using ActorStream.Runtime.Actor;
using ActorStream.Runtime.Dispatch;
using Microsoft.Extensions.Logging;

namespace ActorStream.Runtime.Remote;

/// <summary>
/// Remembers which local actors watch which remote actors, so that the loss of a whole node (cluster
/// downing/removal, a restarted incarnation, or with provider = remote a connection that cannot be
/// re-established for watch-failure-after) becomes Terminated(AddressTerminated = true) for each watcher.
/// </summary>
internal sealed class RemoteWatcher(ILogger log)
{
    private readonly object _lock = new();
    private readonly Dictionary<Address, List<(RemoteActorRef Watchee, IInternalActorRef Watcher)>> _watches = [];

    public void Watch(RemoteActorRef watchee, IInternalActorRef watcher)
    {
        lock (_lock)
        {
            if (!_watches.TryGetValue(watchee.Path.Address, out var list)) _watches[watchee.Path.Address] = list = [];
            if (!list.Any(p => p.Watchee.Equals(watchee) && p.Watcher.Equals(watcher))) list.Add((watchee, watcher));
        }
    }

    public void Unwatch(RemoteActorRef watchee, IInternalActorRef watcher)
    {
        lock (_lock)
        {
            if (_watches.TryGetValue(watchee.Path.Address, out var list))
            {
                list.RemoveAll(p => p.Watchee.Equals(watchee) && p.Watcher.Equals(watcher));
                if (list.Count == 0) _watches.Remove(watchee.Path.Address);
            }
        }
    }

    public IReadOnlyList<Address> WatchedAddresses()
    {
        lock (_lock) return _watches.Keys.ToList();
    }

    /// <summary>
    /// A notification from the watchee's node: deliver it to the watcher with the ref it watched (which may
    /// lack the uid the notification carries), once.
    /// </summary>
    public void Notified(ActorPath actor, IInternalActorRef watcher, bool existenceConfirmed)
    {
        List<RemoteActorRef> matched = [];
        lock (_lock)
        {
            if (_watches.TryGetValue(actor.Address, out var list))
            {
                foreach (var pair in list)
                {
                    if (pair.Watcher.Equals(watcher) && pair.Watchee.Path.Equals(actor) &&
                        (pair.Watchee.Path.Uid == ActorPath.UndefinedUid || actor.Uid == ActorPath.UndefinedUid || pair.Watchee.Path.Uid == actor.Uid))
                        matched.Add(pair.Watchee);
                }
                list.RemoveAll(p => matched.Contains(p.Watchee) && p.Watcher.Equals(watcher));
                if (list.Count == 0) _watches.Remove(actor.Address);
            }
        }
        foreach (var watchee in matched) watcher.SendSystemMessage(new DeathWatchNotification(watchee, existenceConfirmed));
    }

    /// <summary>The node at <paramref name="address"/> is gone: every watcher of an actor there gets Terminated.</summary>
    public void AddressTerminated(Address address)
    {
        List<(RemoteActorRef Watchee, IInternalActorRef Watcher)>? pairs;
        lock (_lock)
        {
            if (!_watches.Remove(address, out pairs)) return;
        }
        log.LogInformation("{Address} is gone: {Count} watched remote actor(s) terminated", address, pairs.Count);
        foreach (var (watchee, watcher) in pairs)
            watcher.SendSystemMessage(new DeathWatchNotification(watchee, existenceConfirmed: false, addressTerminated: true));
    }
}
