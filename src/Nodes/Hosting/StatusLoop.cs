using System.Diagnostics;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorStream.Nodes.Hosting;

/// <summary>
/// A node's once-per-interval status line: ask actors for their figures and print them, until stopped
/// (q in the viewer, Ctrl+C, SIGTERM or the node's duration).
/// </summary>
public static class StatusLoop
{
    /// <summary>Asks <paramref name="subject"/> each interval and prints its answer; returns the last answer, for the summary.</summary>
    public static async Task<T?> RunAsync<T>(
        ICanTell subject, object query, Func<TimeSpan, T, string> format, TimeSpan interval, TextWriter output,
        ILogger log, CancellationToken stop) where T : class
    {
        T? last = null;
        await RunAsync(interval, subject, log, async (elapsed, ct) =>
        {
            last = await subject.Ask<T>(query, interval, ct).ConfigureAwait(false);
            await output.WriteLineAsync(format(elapsed, last)).ConfigureAwait(false);
            await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }, stop).ConfigureAwait(false);
        return last;
    }

    /// <summary>
    /// Runs <paramref name="tick"/> each interval (with the time since the start) until <paramref name="stop"/>; an ask
    /// that is not answered within its timeout costs that tick's line and a warning naming <paramref name="subject"/>.
    /// </summary>
    public static async Task RunAsync(
        TimeSpan interval, object subject, ILogger log, Func<TimeSpan, CancellationToken, Task> tick, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                try
                {
                    await tick(clock.Elapsed, stop).ConfigureAwait(false);
                }
                catch (AskTimeoutException)
                {
                    log.LogWarning("{Subject} did not answer within {Interval}", subject, interval);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // A normal end.
        }
    }
}
