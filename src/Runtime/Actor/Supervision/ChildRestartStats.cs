using System.Diagnostics;

namespace ActorStream.Runtime.Actor;

/// <summary>A child and its restart history, used to enforce maxNrOfRetries within withinTimeRange.</summary>
public sealed class ChildRestartStats
{
    private long _windowStart;

    internal ChildRestartStats(IInternalActorRef child) => Child = child;

    public IInternalActorRef Child { get; }
    public int RestartCount { get; private set; }

    /// <summary>
    /// Records a restart and says whether it is allowed (Akka's rules): negative retries = unlimited, 0 = none;
    /// with a time window, the count restarts when the window has passed.
    /// </summary>
    public bool RequestRestartPermission(int maxNrOfRetries, TimeSpan? withinTimeRange)
    {
        var window = withinTimeRange is { } w && w > TimeSpan.Zero && w != Timeout.InfiniteTimeSpan ? w : (TimeSpan?)null;
        if (maxNrOfRetries == 0) return false;
        if (window is null)
        {
            if (maxNrOfRetries < 0) return true;
            RestartCount++;
            return RestartCount <= maxNrOfRetries;
        }
        return RetriesInWindowOkay(maxNrOfRetries < 0 ? 1 : maxNrOfRetries, window.Value);
    }

    private bool RetriesInWindowOkay(int retries, TimeSpan window)
    {
        var now = Stopwatch.GetTimestamp();
        if (_windowStart == 0) _windowStart = now;
        RestartCount++;
        if (Stopwatch.GetElapsedTime(_windowStart, now) <= window) return RestartCount <= retries;
        // The window has passed: this restart opens a new one.
        RestartCount = 1;
        _windowStart = now;
        return true;
    }
}
