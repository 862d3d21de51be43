using System.Globalization;
using ActorStream.Messages.Metrics;
using Spectre.Console;

namespace ActorStream.Nodes.Metrics;

/// <summary>
/// Asks for a snapshot every interval and shows it (live table, plain tables or JSON lines) until stopped or until
/// <see cref="Count"/> refreshes; returns the last snapshot. A failed ask ends the watch with its exception, so the
/// command can say why (the seed is gone, the secret differs).
/// </summary>
public sealed class MetricsWatch
{
    private readonly Func<CancellationToken, Task<MetricsSnapshot>> _ask;

    public MetricsWatch(Func<CancellationToken, Task<MetricsSnapshot>> ask, MetricsDisplayMode mode, TimeSpan interval, int? count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        if (count is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "must be positive");
        }

        _ask = ask;
        Mode = mode;
        Interval = interval;
        Count = count;
    }

    public MetricsDisplayMode Mode { get; }

    public TimeSpan Interval { get; }

    /// <summary>Refreshes before the watch ends by itself; null: until stopped.</summary>
    public int? Count { get; }

    /// <summary>The last snapshot shown, also when the watch was stopped or failed later.</summary>
    public MetricsSnapshot? Last { get; private set; }

    /// <summary>Live mode draws on the terminal (Spectre.Console's own console); the others write to <paramref name="output"/>.</summary>
    public async Task<MetricsSnapshot?> RunAsync(TextWriter output, CancellationToken stop)
    {
        try
        {
            if (Mode == MetricsDisplayMode.Live)
            {
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
                await console.Live(new Markup("[grey]asking the seed for metrics...[/]"))
                    .AutoClear(false)
                    .Overflow(VerticalOverflow.Ellipsis)
                    .StartAsync(context => LoopAsync(snapshot =>
                    {
                        context.UpdateTarget(LiveTableRenderer.Render(MetricsTables.From(snapshot), Caption(snapshot)));
                        context.Refresh();
                        return Task.CompletedTask;
                    }, stop)).ConfigureAwait(false);
            }
            else
            {
                await LoopAsync(async snapshot =>
                {
                    var text = Mode == MetricsDisplayMode.Json
                        ? MetricsJson.Line(snapshot) + "\n"
                        : $"== {Caption(snapshot)}\n{PlainTableWriter.Render(MetricsTables.From(snapshot))}";
                    await output.WriteAsync(text).ConfigureAwait(false);
                    await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                }, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl+C, SIGTERM or the caller's deadline: a normal end.
        }

        return Last;
    }

    private async Task LoopAsync(Func<MetricsSnapshot, Task> show, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Interval);
        var shown = 0;
        do
        {
            Last = await _ask(stop).ConfigureAwait(false);
            await show(Last).ConfigureAwait(false);
            shown++;
            if (shown == Count)
            {
                return;
            }
        }
        while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false));
    }

    private static string Caption(MetricsSnapshot snapshot) => string.Create(CultureInfo.InvariantCulture,
        $"at {snapshot.AtUtc:yyyy-MM-dd HH:mm:ss} UTC: {snapshot.Stations.Count} station(s), {snapshot.Viewers.Count} viewer(s), {snapshot.Destinations.Count} destination(s)");
}
