namespace ActorStream.Runtime.Actor;

/// <summary>
/// The handlers of one ReceiveActor behavior. Each handler is an object with a typed TryHandle, so matching a
/// message allocates nothing (no closure per message).
/// </summary>
internal sealed class ReceiveHandlerSet
{
    private Handler[] _handlers = [];

    public void Add(Handler handler) => _handlers = [.. _handlers, handler];

    public bool TryHandle(ReceiveActor actor, object message)
    {
        foreach (var h in _handlers)
        {
            if (h.TryHandle(actor, message)) return true;
        }
        return false;
    }

    internal abstract class Handler
    {
        public abstract bool TryHandle(ReceiveActor actor, object message);
    }

    internal sealed class ActionHandler<T>(Action<T> action, Predicate<T>? shouldHandle) : Handler
    {
        private readonly Action<T> _action = action ?? throw new ArgumentNullException(nameof(action));

        public override bool TryHandle(ReceiveActor actor, object message)
        {
            if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed))) return false;
            _action(typed);
            return true;
        }
    }

    internal sealed class FuncHandler<T>(Func<T, bool> func) : Handler
    {
        private readonly Func<T, bool> _func = func ?? throw new ArgumentNullException(nameof(func));

        public override bool TryHandle(ReceiveActor actor, object message) => message is T typed && _func(typed);
    }

    internal sealed class AsyncHandler<T>(Func<T, Task> func, Predicate<T>? shouldHandle) : Handler
    {
        private readonly Func<T, Task> _func = func ?? throw new ArgumentNullException(nameof(func));

        public override bool TryHandle(ReceiveActor actor, object message)
        {
            if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed))) return false;
            actor.RunAsyncHandler(() => _func(typed));
            return true;
        }
    }
}
