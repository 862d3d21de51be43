using System.CommandLine;
using System.Globalization;
using ActorStream.Nodes.Control;
using ActorStream.Nodes.Demo;
using ActorStream.Nodes.Hosting;
using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Cli;

/// <summary>`actorstream demo`: a seed and viewer nodes on this machine, the live metrics, a summary.</summary>
public static class DemoCommand
{
    public static Command Build()
    {
        var viewers = new Option<int?>("--viewers") { Description = "Viewer nodes to start, each its own process (default 2)", HelpName = "N" };
        var duration = new Option<double?>("--duration")
        {
            Description = "Show the live metrics this many seconds, then print a summary and stop (default 0: until Ctrl+C)",
            HelpName = "SECONDS",
        };
        var command = new Command("demo",
            "Start a seed with the test pattern and viewer nodes (separate processes, loopback, free ports), show the " +
            "live metrics, then print a summary per viewer and station and stop everything it started")
        {
            viewers, duration,
        };
        command.SetAction(async (result, token) =>
        {
            var stderr = result.InvocationConfiguration.Error;
            IReadOnlyList<ConfigOverride> overrides;
            try
            {
                overrides = Overrides(result.GetValue(viewers), result.GetValue(duration));
            }
            catch (ArgumentException ex)
            {
                await stderr.WriteLineAsync($"actorstream demo: {ex.Message}");
                return ExitCodes.BadUsage;
            }

            return await CommandRunner.RunAsync(result, async () =>
            {
                try
                {
                    var configFile = CommonOptions.GetConfigFile(result);
                    var settings = DemoSettingsReader.Read(NodeConfiguration.Load(configFile, overrides));
                    await new DemoRunner(settings, configFile, result.InvocationConfiguration.Output).RunAsync(token);
                    return ExitCodes.Success;
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    // Ctrl+C before the viewers were up: everything started is stopped; nothing to sum up.
                    return ExitCodes.Success;
                }
                catch (ControlException ex)
                {
                    throw new DemoFailedException($"the seed stopped answering: {ex.Message}");
                }
            });
        });
        return command;
    }

    /// <summary>The flags as overrides of actorstream.demo; a bad value is a usage error (ArgumentException).</summary>
    public static IReadOnlyList<ConfigOverride> Overrides(int? viewers, double? durationSeconds)
    {
        var list = new List<ConfigOverride>();
        if (viewers is { } n)
        {
            if (n is < 1 or > DemoSettingsReader.MaxViewers)
            {
                throw new ArgumentException($"--viewers {n}: expected 1..{DemoSettingsReader.MaxViewers}");
            }

            list.Add(new ConfigOverride("actorstream.demo.viewers", n.ToString(CultureInfo.InvariantCulture), "flag --viewers"));
        }

        if (durationSeconds is { } seconds)
        {
            if (!double.IsFinite(seconds) || seconds < 0 || seconds > DemoSettingsReader.MaxDuration.TotalSeconds)
            {
                throw new ArgumentException(
                    $"--duration {seconds}: expected 0 (until Ctrl+C) or a positive number of seconds, at most {DemoSettingsReader.MaxDuration.TotalSeconds:0}");
            }

            list.Add(new ConfigOverride("actorstream.demo.duration",
                (seconds * 1000).ToString("0", CultureInfo.InvariantCulture) + "ms", "flag --duration"));
        }

        return list;
    }
}
