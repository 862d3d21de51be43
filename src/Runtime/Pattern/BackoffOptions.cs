using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Pattern;

/// <summary>
/// How a <see cref="BackoffSupervisor"/> restarts its child (Akka's BackoffOptions): on failure or on stop,
/// after min * 2^n (capped at max, stretched by up to randomFactor), the count resetting after the child has
/// run without trouble for <see cref="ResetBackoff"/>.
/// </summary>
public sealed record BackoffOptions
{
    private BackoffOptions(bool onFailure, Props childProps, string childName, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor)
    {
        ArgumentNullException.ThrowIfNull(childProps);
        ActorPath.ValidateActorName(childName);
        if (minBackoff <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(minBackoff), minBackoff, "minBackoff must be positive");
        if (maxBackoff < minBackoff) throw new ArgumentOutOfRangeException(nameof(maxBackoff), maxBackoff, "maxBackoff must be >= minBackoff");
        if (randomFactor is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(randomFactor), randomFactor, "randomFactor must be between 0 and 1");
        OnFailure = onFailure;
        ChildProps = childProps;
        ChildName = childName;
        MinBackoff = minBackoff;
        MaxBackoff = maxBackoff;
        RandomFactor = randomFactor;
        ResetBackoff = minBackoff;
    }

    /// <summary>Restart the child with backoff when it fails (throws). If it stops by itself, the supervisor stops too.</summary>
    public static BackoffOptions CreateOnFailure(Props childProps, string childName, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor) =>
        new(onFailure: true, childProps, childName, minBackoff, maxBackoff, randomFactor);

    /// <summary>Restart the child with backoff whenever it stops (failures are handled by <see cref="SupervisorStrategy"/>).</summary>
    public static BackoffOptions CreateOnStop(Props childProps, string childName, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor) =>
        new(onFailure: false, childProps, childName, minBackoff, maxBackoff, randomFactor);

    public bool OnFailure { get; }
    public Props ChildProps { get; }
    public string ChildName { get; }
    public TimeSpan MinBackoff { get; }
    public TimeSpan MaxBackoff { get; }
    public double RandomFactor { get; }

    /// <summary>The restart count returns to zero once the child has run this long after a (re)start without trouble.</summary>
    public TimeSpan ResetBackoff { get; private init; }

    /// <summary>Restarts allowed before the supervisor gives up and stops; negative: unlimited.</summary>
    public int MaxNrOfRetries { get; private init; } = -1;

    /// <summary>Decides about child failures. OnFailure: Restart means "restart after the backoff".</summary>
    public SupervisorStrategy? SupervisorStrategy { get; private init; }

    public BackoffOptions WithAutoReset(TimeSpan resetBackoff) =>
        resetBackoff > TimeSpan.Zero ? this with { ResetBackoff = resetBackoff } : throw new ArgumentOutOfRangeException(nameof(resetBackoff));

    public BackoffOptions WithMaxNrOfRetries(int maxNrOfRetries) => this with { MaxNrOfRetries = maxNrOfRetries };

    public BackoffOptions WithSupervisorStrategy(SupervisorStrategy strategy) =>
        this with { SupervisorStrategy = strategy ?? throw new ArgumentNullException(nameof(strategy)) };

    /// <summary>The delay before restart number <paramref name="restartCount"/> + 1 (Akka's formula).</summary>
    public TimeSpan CalculateDelay(int restartCount, double random01)
    {
        var factor = 1.0 + random01 * RandomFactor;
        if (restartCount >= 30) return Min(MaxBackoff * factor, MaxBackoff * 2);
        var exponential = MinBackoff.TotalMilliseconds * Math.Pow(2, restartCount);
        var capped = Math.Min(MaxBackoff.TotalMilliseconds, exponential) * factor;
        return TimeSpan.FromMilliseconds(capped);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
