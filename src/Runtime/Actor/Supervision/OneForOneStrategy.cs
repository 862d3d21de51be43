namespace ActorStream.Runtime.Actor;

/// <summary>Applies the directive to the failed child only.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    /// <param name="maxNrOfRetries">Restarts allowed (within the window); null or negative: unlimited; 0: none.</param>
    /// <param name="withinTimeRange">Window for the count; null: the whole life of the child.</param>
    public OneForOneStrategy(int? maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider)
    {
        MaxNumberOfRetries = maxNrOfRetries ?? -1;
        WithinTimeRange = withinTimeRange;
        Decider = decider ?? throw new ArgumentNullException(nameof(decider));
    }

    public OneForOneStrategy(Func<Exception, Directive> decider) : this(null, null, decider)
    {
    }

    public int MaxNumberOfRetries { get; }
    public TimeSpan? WithinTimeRange { get; }
    public override Func<Exception, Directive> Decider { get; }

    protected override void ProcessFailure(IActorContext context, bool restart, IActorRef child, Exception cause,
        ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children)
    {
        if (restart && stats.RequestRestartPermission(MaxNumberOfRetries, WithinTimeRange))
            RestartChild(child, cause, suspendFirst: false);
        else
            context.Stop(child);
    }
}
