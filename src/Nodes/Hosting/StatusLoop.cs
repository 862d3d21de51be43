using System.Diagnostics;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorStream.Nodes.Hosting;

/// <summary>
/// A node's once-per-interval status line: ask one actor for its figures and print them, until stopped
/// (Ctrl+C, SIGTERM or the node's duration). Returns the last answer, for the summary.
/// </summary>
public static class StatusLoop
{
    public static async Task<T?> RunAsync<T>(
        ICanTell subject, object query, Func<TimeSpan, T, string> format, TimeSpan interval, TextWriter output,
        ILogger log, CancellationToken stop) where T : class
    {
        var clock = Stopwatch.StartNew();
        T? last = null;
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                try
                {
                    last = await subject.Ask<T>(query, interval, stop).ConfigureAwait(false);
                    await output.WriteLineAsync(format(clock.Elapsed, last)).ConfigureAwait(false);
                    await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                }
                catch (AskTimeoutException)
                {
                    log.LogWarning("{Subject} did not answer within {Interval}", subject, interval);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl+C, SIGTERM or the duration: a normal end.
        }

        return last;
    }
}
