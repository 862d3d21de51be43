using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Pattern;

/// <summary>The protocol of <see cref="BackoffSupervisor"/> (nested, as in Akka: BackoffSupervisor.GetRestartCount...).</summary>
public sealed partial class BackoffSupervisor
{
    /// <summary>Ask for the restart count; answered with <see cref="RestartCount"/>.</summary>
    public sealed class GetRestartCount
    {
        public static GetRestartCount Instance { get; } = new();
        private GetRestartCount() { }
    }

    /// <summary><paramref name="Count"/>: restarts since the last reset (what the backoff grows with);
    /// <paramref name="TotalRestarts"/>: all restarts ever.</summary>
    public sealed record RestartCount(int Count, int TotalRestarts);

    /// <summary>Ask for the current child; answered with <see cref="CurrentChild"/> (null while waiting to restart).</summary>
    public sealed class GetCurrentChild
    {
        public static GetCurrentChild Instance { get; } = new();
        private GetCurrentChild() { }
    }

    public sealed record CurrentChild(IActorRef? Ref);

    /// <summary>Resets the backoff to its minimum.</summary>
    public sealed class Reset
    {
        public static Reset Instance { get; } = new();
        private Reset() { }
    }

    internal sealed class StartChild
    {
        public static StartChild Instance { get; } = new();
        private StartChild() { }
    }

    internal sealed record ResetRestartCount(int Current, int Total);
}
