using ActorStream.Runtime.Actor;

namespace ActorStream.Actors.Metrics;

/// <summary>The seed's /user/metrics (skeleton; filled in below).</summary>
public sealed class MetricsActor : ReceiveActor
{
    public const string Name = "metrics";

    public MetricsActor(MetricsSettings settings, TimeProvider time)
    {
        _ = settings;
        _ = time;
    }

    public static Props Props(MetricsSettings settings) => Props(settings, TimeProvider.System);

    /// <summary>With a clock of the caller's (tests move time by hand).</summary>
    public static Props Props(MetricsSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        return Runtime.Actor.Props.Create(() => new MetricsActor(settings, time));
    }
}
