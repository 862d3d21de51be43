using System.Collections.Concurrent;
using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Event;

/// <summary>
/// Publish/subscribe by type inside one actor system (Akka's EventStream). A subscriber to a channel type
/// receives every published event assignable to it (base classes and interfaces included). Subscribers that
/// stop are unsubscribed by the runtime.
/// </summary>
public sealed class EventStream
{
    private readonly object _gate = new();
    private (IActorRef Subscriber, Type Channel)[] _subscriptions = [];

    // Per event type, the subscribers it reaches; rebuilt lazily after any change so Publish does not scan.
    private ConcurrentDictionary<Type, IActorRef[]> _cache = new();

    /// <summary>Returns false when the subscriber already had that channel.</summary>
    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (_gate)
        {
            foreach (var s in _subscriptions)
            {
                if (s.Channel == channel && s.Subscriber.Equals(subscriber)) return false;
            }
            _subscriptions = [.. _subscriptions, (subscriber, channel)];
            _cache = new ConcurrentDictionary<Type, IActorRef[]>();
            return true;
        }
    }

    /// <summary>Removes one channel of a subscriber; false when it was not subscribed to it.</summary>
    public bool Unsubscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        return Remove(s => s.Channel == channel && s.Subscriber.Equals(subscriber));
    }

    /// <summary>Removes every channel of a subscriber.</summary>
    public bool Unsubscribe(IActorRef subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        return Remove(s => s.Subscriber.Equals(subscriber));
    }

    private bool Remove(Func<(IActorRef Subscriber, Type Channel), bool> match)
    {
        lock (_gate)
        {
            var kept = _subscriptions.Where(s => !match(s)).ToArray();
            if (kept.Length == _subscriptions.Length) return false;
            _subscriptions = kept;
            _cache = new ConcurrentDictionary<Type, IActorRef[]>();
            return true;
        }
    }

    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var cache = _cache;
        var type = @event.GetType();
        if (!cache.TryGetValue(type, out var targets))
        {
            targets = Resolve(type);
            cache.TryAdd(type, targets);
        }
        foreach (var target in targets) target.Tell(@event, null);
    }

    private IActorRef[] Resolve(Type eventType)
    {
        var subscriptions = Volatile.Read(ref _subscriptions);
        var result = new List<IActorRef>();
        foreach (var (subscriber, channel) in subscriptions)
        {
            if (channel.IsAssignableFrom(eventType) && !result.Contains(subscriber)) result.Add(subscriber);
        }
        return result.ToArray();
    }
}
