namespace ActorStream.Runtime.Actor;

/// <summary>
/// Base of every actor (Akka's ActorBase). Instances are created only by the runtime from <see cref="Props"/>;
/// Context, Self and Sender are valid in the constructor and during message processing.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;
    private SupervisorStrategy? _supervisorStrategy;

    protected ActorBase()
    {
        _cell = ActorCell.Current ?? throw new ActorInitializationException(null,
            $"Do not create actor {GetType().Name} with 'new': use ActorOf(Props.Create(...))");
    }

    /// <summary>The context of this actor. Not valid on other threads (e.g. after ConfigureAwait(false)).</summary>
    protected IActorContext Context => _cell;

    protected IActorRef Self => _cell.Self;

    /// <summary>Sender of the current message (DeadLetters when there was none).</summary>
    protected IActorRef Sender => _cell.Sender;

    /// <summary>The behavior the actor starts with.</summary>
    protected internal abstract bool Receive(object message);

    /// <summary>Called for messages no behavior handled. Terminated → DeathPactException; otherwise published
    /// on the event stream as <see cref="Event.UnhandledMessage"/>.</summary>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated t) throw new DeathPactException(t.ActorRef);
        _cell.System.EventStream.Publish(new Event.UnhandledMessage(message, _cell.Sender, _cell.Self));
    }

    /// <summary>The strategy used to supervise this actor's children (default: <see cref="Actor.SupervisorStrategy.DefaultStrategy"/>).</summary>
    protected virtual SupervisorStrategy SupervisorStrategy() => Actor.SupervisorStrategy.DefaultStrategy;

    protected virtual void PreStart() { }

    protected virtual void PostStop() { }

    /// <summary>Before the failed instance is thrown away. Default: stop (and unwatch) all children, then PostStop.</summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children)
        {
            Context.Unwatch(child);
            Context.Stop(child);
        }
        PostStop();
    }

    /// <summary>On the fresh instance after a restart. Default: PreStart.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    protected void Become(Receive receive) => _cell.Become(receive);
    protected void BecomeStacked(Receive receive) => _cell.BecomeStacked(receive);
    protected void UnbecomeStacked() => _cell.UnbecomeStacked();
    protected void SetReceiveTimeout(TimeSpan? timeout) => _cell.SetReceiveTimeout(timeout);

    /// <summary>Runs async work as part of the current message: no other message is processed until the task
    /// completes, code after each await runs inside the actor, and a fault fails the actor.</summary>
    protected void RunTask(Func<Task> action) => _cell.RunTask(action);

    internal SupervisorStrategy SupervisorStrategyInternal => _supervisorStrategy ??= SupervisorStrategy();

    internal void InvokeUnhandled(object message) => Unhandled(message);
    internal void InvokePreStart() => PreStart();
    internal void InvokePostStop() => PostStop();
    internal void InvokePreRestart(Exception reason, object? message) => PreRestart(reason, message);
    internal void InvokePostRestart(Exception reason) => PostRestart(reason);
}
