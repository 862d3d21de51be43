using ActorStream.Runtime.Actor;
using ActorStream.Runtime.Event;
using Microsoft.Extensions.Logging;

namespace ActorStream.Runtime.Pattern;

/// <summary>
/// Akka's BackoffSupervisor: runs one child, forwards every other message to it, and restarts it after an
/// exponentially growing delay when it fails (or stops). Answers <see cref="GetRestartCount"/> and
/// <see cref="GetCurrentChild"/>.
/// </summary>
public sealed partial class BackoffSupervisor : ActorBase
{
    private readonly BackoffOptions _options;
    private readonly SupervisorStrategy _strategy;
    private readonly ILogger _log;
    private IActorRef? _child;
    private bool _childFailed;
    private int _restartCount;
    private int _totalRestarts;

    public BackoffSupervisor(BackoffOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _log = Context.GetLogger();
        var inner = options.SupervisorStrategy ?? (options.OnFailure
            ? new OneForOneStrategy(static _ => Directive.Restart)
            : Actor.SupervisorStrategy.DefaultStrategy);
        if (options.OnFailure)
        {
            // A Restart decision becomes "stop now, start again after the backoff".
            _strategy = new OneForOneStrategy(e =>
            {
                var directive = inner.Decider(e);
                if (directive != Directive.Restart) return directive;
                _childFailed = true;
                return Directive.Stop;
            }) { LoggingEnabled = inner.LoggingEnabled };
        }
        else
        {
            _strategy = inner;
        }
    }

    public static Props Props(BackoffOptions options) =>
        global::ActorStream.Runtime.Actor.Props.Create(() => new BackoffSupervisor(options));

    protected override SupervisorStrategy SupervisorStrategy() => _strategy;

    protected override void PreStart() => StartChildNow();

    private void StartChildNow()
    {
        if (_child is not null) return;
        _childFailed = false;
        _child = Context.Watch(Context.ActorOf(_options.ChildProps, _options.ChildName));
        // Count back to zero if this incarnation survives the reset period.
        Context.System.Scheduler.ScheduleTellOnce(_options.ResetBackoff, Self, new ResetRestartCount(_restartCount, _totalRestarts), Self);
    }

    protected internal override bool Receive(object message)
    {
        switch (message)
        {
            case Terminated t when _child is not null && t.ActorRef.Equals(_child):
                OnChildTerminated();
                return true;
            case StartChild:
                StartChildNow();
                return true;
            case ResetRestartCount reset:
                if (reset.Total == _totalRestarts && _child is not null) _restartCount = 0;
                return true;
            case GetRestartCount:
                Sender.Tell(new RestartCount(_restartCount, _totalRestarts), Self);
                return true;
            case GetCurrentChild:
                Sender.Tell(new CurrentChild(_child), Self);
                return true;
            case Reset:
                _restartCount = 0;
                return true;
            default:
                if (_child is not null) _child.Tell(message, Sender);
                else Context.System.DeadLetters.Tell(message, Sender);
                return true;
        }
    }

    private void OnChildTerminated()
    {
        _child = null;
        var restart = !_options.OnFailure || _childFailed;
        if (!restart)
        {
            // OnFailure: a child that stopped by itself (or was stopped by the strategy) ends the supervision.
            Context.Stop(Self);
            return;
        }
        if (_options.MaxNrOfRetries >= 0 && _restartCount >= _options.MaxNrOfRetries)
        {
            _log.LogWarning("Child {Child} of {Self} reached {Max} restarts; giving up", _options.ChildName, Self.Path, _options.MaxNrOfRetries);
            Context.Stop(Self);
            return;
        }
        var delay = _options.CalculateDelay(_restartCount, Random.Shared.NextDouble());
        _restartCount++;
        _totalRestarts++;
        _log.LogInformation("Child {Child} of {Self} stopped; restart {Count} in {Delay}", _options.ChildName, Self.Path, _restartCount, delay);
        Context.System.Scheduler.ScheduleTellOnce(delay, Self, StartChild.Instance, Self);
    }
}
