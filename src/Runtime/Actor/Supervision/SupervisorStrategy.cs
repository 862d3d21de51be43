using Microsoft.Extensions.Logging;

namespace ActorStream.Runtime.Actor;

/// <summary>How a parent treats a failed child (Akka's SupervisorStrategy).</summary>
public abstract class SupervisorStrategy
{
    /// <summary>Akka's default: initialization failures, Kill and death pacts stop the child; anything else restarts it.</summary>
    public static Func<Exception, Directive> DefaultDecider { get; } = static e => e switch
    {
        ActorInitializationException => Directive.Stop,
        ActorKilledException => Directive.Stop,
        DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>OneForOne, unlimited restarts, <see cref="DefaultDecider"/>.</summary>
    public static SupervisorStrategy DefaultStrategy { get; } = new OneForOneStrategy(DefaultDecider);

    /// <summary>Stops every failed child.</summary>
    public static SupervisorStrategy StoppingStrategy { get; } = new OneForOneStrategy(static _ => Directive.Stop);

    public abstract Func<Exception, Directive> Decider { get; }

    /// <summary>Whether failures are logged (errors for Restart/Stop, a warning for Resume).</summary>
    public bool LoggingEnabled { get; init; } = true;

    /// <summary>Applies the decision. Returns false for Escalate (the parent must fail itself).</summary>
    internal bool HandleFailure(ActorCell cell, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children)
    {
        var directive = Decider(cause);
        LogFailure(cell, child, cause, directive);
        switch (directive)
        {
            case Directive.Resume:
                ResumeChild(child, cause);
                return true;
            case Directive.Restart:
                ProcessFailure(cell, restart: true, child, cause, stats, children);
                return true;
            case Directive.Stop:
                ProcessFailure(cell, restart: false, child, cause, stats, children);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Restart (if permitted by the retry limits) or stop the failed child, or all children.</summary>
    protected abstract void ProcessFailure(IActorContext context, bool restart, IActorRef child, Exception cause,
        ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children);

    protected static void ResumeChild(IActorRef child, Exception cause) => ((IInternalActorRef)child).Resume(cause);

    protected static void RestartChild(IActorRef child, Exception cause, bool suspendFirst)
    {
        var c = (IInternalActorRef)child;
        if (suspendFirst) c.Suspend();
        c.Restart(cause);
    }

    private void LogFailure(ActorCell cell, IActorRef child, Exception cause, Directive directive)
    {
        if (!LoggingEnabled || directive == Directive.Escalate) return;
        var level = directive == Directive.Resume ? LogLevel.Warning : LogLevel.Error;
        cell.SystemImpl.Log.Log(level, cause, "Actor {Child} failed ({Message}); supervisor {Supervisor} decided {Directive}",
            child.Path, cause.Message, cell.Self.Path, directive);
    }
}
