using ActorStream.Runtime.Dispatch;

namespace ActorStream.Runtime.Actor;

/// <summary>
/// The temporary ref an Ask waits on (/temp/$n): the first message completes the task (Status.Failure faults
/// it); later messages go to dead letters.
/// </summary>
internal sealed class PromiseActorRef : ActorRefBase
{
    private readonly IActorRefProvider _provider;
    private readonly TaskCompletionSource<object> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ActorSystemImpl _system;

    public PromiseActorRef(ActorSystemImpl system, ActorPath path)
    {
        _system = system;
        _provider = system.Provider;
        Path = path;
    }

    public Task<object> Result => _result.Task;

    public override ActorPath Path { get; }
    public override IInternalActorRef Parent => _provider.RootGuardian;
    public override IActorRefProvider Provider => _provider;
    public override bool IsLocal => true;
    public override bool IsTerminated => _result.Task.IsCompleted;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        var accepted = message is Status.Failure failure
            ? _result.TrySetException(failure.Cause)
            : _result.TrySetResult(message);
        if (!accepted) _system.PublishDeadLetter(message, sender, this);
    }

    public void Fail(Exception e) => _result.TrySetException(e);

    public void Cancel() => _result.TrySetCanceled();

    public override void SendSystemMessage(ISystemMessage message)
    {
        if (message is Watch w && w.Watcher is IInternalActorRef watcher && IsTerminated)
            watcher.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: true));
    }
}
