namespace ActorStream.Runtime.Actor;

/// <summary>An actor with one OnReceive method; call <see cref="ActorBase.Unhandled"/> for what it does not handle.</summary>
public abstract class UntypedActor : ActorBase
{
    protected internal sealed override bool Receive(object message)
    {
        OnReceive(message);
        return true;
    }

    protected abstract void OnReceive(object message);

    /// <summary>Replaces the behavior with another OnReceive-style method.</summary>
    protected void Become(Action<object> onReceive) => Become(m => { onReceive(m); return true; });

    protected void BecomeStacked(Action<object> onReceive) => BecomeStacked(m => { onReceive(m); return true; });
}
