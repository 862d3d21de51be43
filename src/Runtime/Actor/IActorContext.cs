using ActorStream.Runtime.Dispatch;

namespace ActorStream.Runtime.Actor;

/// <summary>An actor's view of itself and the runtime (Akka's IActorContext). Only valid on the actor's own turn.</summary>
public interface IActorContext : IActorRefFactory
{
    IActorRef Self { get; }

    /// <summary>The sender of the message being processed; DeadLetters when it was sent without one (as in Akka).</summary>
    IActorRef Sender { get; }

    IActorRef Parent { get; }
    Props Props { get; }
    ActorSystem System { get; }
    MessageDispatcher Dispatcher { get; }
    IEnumerable<IActorRef> Children { get; }

    /// <summary>The child with that name, or null.</summary>
    IActorRef? Child(string name);

    void Stop(IActorRef child);

    IActorRef Watch(IActorRef subject);

    /// <summary>Watch, delivering <paramref name="message"/> instead of Terminated.</summary>
    IActorRef WatchWith(IActorRef subject, object message);

    IActorRef Unwatch(IActorRef subject);

    /// <summary>Replaces the current behavior.</summary>
    void Become(Receive receive);

    /// <summary>Pushes a behavior; <see cref="UnbecomeStacked"/> returns to the previous one.</summary>
    void BecomeStacked(Receive receive);

    void UnbecomeStacked();

    /// <summary>Null (or zero) turns it off.</summary>
    void SetReceiveTimeout(TimeSpan? timeout);

    TimeSpan? ReceiveTimeout { get; }
}
