using ActorStream.Runtime.Dispatch;

namespace ActorStream.Runtime.Actor;

/// <summary>Death watch: who we watch, who watches us, and exactly-once Terminated delivery.</summary>
internal sealed partial class ActorCell
{
    // Actors we watch, with the custom message of WatchWith (null: Terminated).
    private readonly Dictionary<IActorRef, object?> _watching = [];

    // Actors that watch us.
    private readonly HashSet<IActorRef> _watchedBy = [];

    // Terminated messages enqueued to ourselves and not yet processed; Unwatch removes the entry so the queued
    // message is dropped.
    private readonly HashSet<IActorRef> _terminatedQueued = [];

    public IActorRef Watch(IActorRef subject) => WatchInternal(subject, null);

    public IActorRef WatchWith(IActorRef subject, object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return WatchInternal(subject, message);
    }

    private IActorRef WatchInternal(IActorRef subject, object? message)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject.Equals(Self) || _watching.ContainsKey(subject)) return subject;
        _watching[subject] = message;
        if (subject is IInternalActorRef internalRef) internalRef.SendSystemMessage(new Watch(subject, Self));
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (_watching.Remove(subject) && subject is IInternalActorRef internalRef)
        {
            internalRef.SendSystemMessage(new Unwatch(subject, Self));
        }
        _terminatedQueued.Remove(subject);
        return subject;
    }

    private void AddWatcher(IActorRef watchee, IActorRef watcher)
    {
        if (!watchee.Equals(Self) || watcher.Equals(Self)) return;
        _watchedBy.Add(watcher);
    }

    private void RemoveWatcher(IActorRef watchee, IActorRef watcher)
    {
        if (!watchee.Equals(Self)) return;
        _watchedBy.Remove(watcher);
    }

    private void WatchedActorTerminated(DeathWatchNotification notification)
    {
        var actor = notification.Actor;
        var wasChild = RemoveChild(actor);
        if (_watching.Remove(actor, out var custom) && !_isTerminating)
        {
            if (custom is not null)
            {
                Self.Tell(custom, actor);
            }
            else
            {
                _terminatedQueued.Add(actor);
                Self.Tell(new Terminated(actor, notification.ExistenceConfirmed, notification.AddressTerminated), actor);
            }
        }
        if (wasChild || _childrenToDie.Count == 0) ContinuePendingAfterChildTerminated();
    }

    private void UnwatchAll()
    {
        foreach (var subject in _watching.Keys)
        {
            if (subject is IInternalActorRef internalRef) internalRef.SendSystemMessage(new Unwatch(subject, Self));
        }
        _watching.Clear();
        _terminatedQueued.Clear();
    }

    private void TellWatchersWeDied()
    {
        foreach (var watcher in _watchedBy)
        {
            // The parent already got its notification as our parent; one is enough for both roles.
            if (watcher.Equals(_parent)) continue;
            if (watcher is IInternalActorRef internalRef)
                internalRef.SendSystemMessage(new DeathWatchNotification(Self, existenceConfirmed: true));
        }
        _watchedBy.Clear();
    }
}
