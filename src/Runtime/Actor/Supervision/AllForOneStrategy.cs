namespace ActorStream.Runtime.Actor;

/// <summary>Applies Restart and Stop to all children of the supervisor (Resume only to the failed one).</summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    /// <param name="maxNrOfRetries">Restarts allowed (within the window); null or negative: unlimited; 0: none.</param>
    /// <param name="withinTimeRange">Window for the count; null: the whole life of the children.</param>
    public AllForOneStrategy(int? maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider)
    {
        MaxNumberOfRetries = maxNrOfRetries ?? -1;
        WithinTimeRange = withinTimeRange;
        Decider = decider ?? throw new ArgumentNullException(nameof(decider));
    }

    public AllForOneStrategy(Func<Exception, Directive> decider) : this(null, null, decider)
    {
    }

    public int MaxNumberOfRetries { get; }
    public TimeSpan? WithinTimeRange { get; }
    public override Func<Exception, Directive> Decider { get; }

    protected override void ProcessFailure(IActorContext context, bool restart, IActorRef child, Exception cause,
        ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children)
    {
        if (children.Count == 0) return;
        // Every child's count is charged (no short-circuit), as each of them restarts.
        var permitted = restart && children.Select(c => c.RequestRestartPermission(MaxNumberOfRetries, WithinTimeRange)).ToArray().All(p => p);
        if (permitted)
        {
            foreach (var c in children) RestartChild(c.Child, cause, suspendFirst: !c.Child.Equals(child));
        }
        else
        {
            foreach (var c in children) context.Stop(c.Child);
        }
    }
}
