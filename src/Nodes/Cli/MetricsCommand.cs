using System.CommandLine;
using ActorStream.Actors.Metrics;
using ActorStream.Messages.Metrics;
using ActorStream.Nodes.Control;
using ActorStream.Nodes.Metrics;

namespace ActorStream.Nodes.Cli;

/// <summary>`actorstream metrics`: the seed's cluster-wide figures, refreshed every interval: a live table on a
/// terminal, plain tables into a pipe, or JSON lines with --json.</summary>
public static class MetricsCommand
{
    public static string MetricsPath => $"/user/{MetricsActor.Name}";

    public static Command Build()
    {
        var seed = ControlOptions.Seed();
        var timeout = ControlOptions.Timeout();
        var json = new Option<bool>("--json") { Description = "One JSON object per line per refresh (the snapshot, camelCase), for scripts" };
        var count = new Option<int?>("--count") { Description = "Stop after N refreshes (default: until Ctrl+C)", HelpName = "N" };
        var interval = new Option<double>("--interval")
        {
            Description = "Seconds between refreshes (default 1)",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => 1,
        };
        var command = new Command("metrics",
            "Show the seed's metrics of every station, viewer and destination: frames, fps, bitrate, loss, jitter, " +
            "latency p50/p95/p99, frame gaps, decode errors, clock offsets; queues and drops")
        {
            seed, json, count, interval, timeout,
        };
        command.SetAction(async (result, token) =>
        {
            // Checked here rather than by validators: a validator reading a value that did not parse would throw.
            // Written as "not in range" so that NaN (which double parsing accepts) is refused too.
            if (result.GetValue(count) is <= 0 || result.GetValue(interval) is not (> 0 and <= 3600))
            {
                await result.InvocationConfiguration.Error.WriteLineAsync(
                    "actorstream metrics: --count must be a positive whole number, --interval more than 0 and at most 3600 seconds");
                return ExitCodes.BadUsage;
            }

            return await DestCommand.RunAsync(result, seed, timeout, async (client, output, wait, ct) =>
            {
                var mode = ChooseMode(result.GetValue(json), output);
                var watch = new MetricsWatch(c => client.AskAsync<MetricsSnapshot>(MetricsPath, GetMetricsSnapshot.Instance, wait, c),
                    mode, TimeSpan.FromSeconds(result.GetValue(interval)), result.GetValue(count));
                await watch.RunAsync(output, ct);
                return ExitCodes.Success;
            }, token);
        });
        return command;
    }

    /// <summary>JSON when asked; the live table only when writing to a real terminal.</summary>
    public static MetricsDisplayMode ChooseMode(bool json, TextWriter output) =>
        json ? MetricsDisplayMode.Json
        : ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected ? MetricsDisplayMode.Live
        : MetricsDisplayMode.Plain;
}
