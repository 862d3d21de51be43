namespace ActorStream.Runtime.Actor;

/// <summary>
/// An actor whose behavior is a list of typed handlers registered in the constructor (or in a Become),
/// tried in registration order (Akka's ReceiveActor).
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private readonly ReceiveHandlerSet _initial = new();
    private ReceiveHandlerSet _building;

    protected ReceiveActor() => _building = _initial;

    protected internal sealed override bool Receive(object message) => _initial.TryHandle(this, message);

    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null) =>
        _building.Add(new ReceiveHandlerSet.ActionHandler<T>(handler, shouldHandle));

    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler) =>
        _building.Add(new ReceiveHandlerSet.ActionHandler<T>(handler, shouldHandle));

    /// <summary>A handler that decides itself: returning false passes the message on to the next handler.</summary>
    protected void Receive<T>(Func<T, bool> handler) =>
        _building.Add(new ReceiveHandlerSet.FuncHandler<T>(handler));

    /// <summary>Async handler: the actor processes nothing else until the task completes (see RunTask).</summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null) =>
        _building.Add(new ReceiveHandlerSet.AsyncHandler<T>(handler, shouldHandle));

    protected void ReceiveAsync<T>(Predicate<T> shouldHandle, Func<T, Task> handler) =>
        _building.Add(new ReceiveHandlerSet.AsyncHandler<T>(handler, shouldHandle));

    protected void ReceiveAny(Action<object> handler) =>
        _building.Add(new ReceiveHandlerSet.ActionHandler<object>(handler, null));

    protected void ReceiveAnyAsync(Func<object, Task> handler) =>
        _building.Add(new ReceiveHandlerSet.AsyncHandler<object>(handler, null));

    /// <summary>Replaces the behavior with the handlers <paramref name="configure"/> registers.</summary>
    protected void Become(Action configure) => Become(Build(configure));

    /// <summary>Pushes the handlers <paramref name="configure"/> registers; UnbecomeStacked pops them.</summary>
    protected void BecomeStacked(Action configure) => BecomeStacked(Build(configure));

    private Receive Build(Action configure)
    {
        var set = new ReceiveHandlerSet();
        var previous = _building;
        _building = set;
        try
        {
            configure();
        }
        finally
        {
            _building = previous;
        }
        return message => set.TryHandle(this, message);
    }

    internal void RunAsyncHandler(Func<Task> action) => RunTask(action);
}
