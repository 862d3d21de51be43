using System.CommandLine;
using System.Runtime.InteropServices;

namespace ActorStream.Nodes.Cli;

/// <summary>
/// The root of the `actorstream` command line. Exit codes follow DESIGN.md: 0 success, 1 a failure the
/// message explains, 2 bad usage.
/// </summary>
public static class ActorStreamCommand
{
    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error);

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = Build();
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                await stderr.WriteLineAsync($"actorstream: {error.Message}");
            await stderr.WriteLineAsync("Run 'actorstream --help' for usage.");
            return ExitCodes.BadUsage;
        }
        // SIGTERM and Ctrl+C cancel the command, which then stops cleanly and returns its own exit code
        // (System.CommandLine's own handler would answer 130/143 even after a clean stop).
        using var stop = new CancellationTokenSource();
        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, ProcessTerminationTimeout = null };
        return await parsed.InvokeAsync(config, stop.Token);
    }

    public static RootCommand Build()
    {
        var root = new RootCommand(
            """
            ActorStream: live video and audio from a camera machine to many viewers on a LAN.

            The camera machine runs the seed node: it captures (camera, file or test pattern), encodes with ffmpeg
            and sends one stream to many destinations at once (UDP unicast or multicast, TCP push, TCP listen).
            Settings come from hocon/reference.conf, then --config FILE, then ACTORSTREAM_* environment
            variables, then flags.
            """);
        root.Options.Add(CommonOptions.Config());
        root.Options.Add(CommonOptions.Cert());
        root.Subcommands.Add(ConfigCommand.Build());
        root.Subcommands.Add(SeedCommand.Build());
        root.Subcommands.Add(ViewerCommand.Build());
        root.Subcommands.Add(DestCommand.Build());
        root.Subcommands.Add(StationCommand.Build());
        root.Subcommands.Add(NodesCommand.Build());
        root.Subcommands.Add(MetricsCommand.Build());
        root.Subcommands.Add(ChatCommand.Build());
        root.Subcommands.Add(AnnounceCommand.Build());
        root.Subcommands.Add(DemoCommand.Build());
        root.Subcommands.Add(PlayCommand.Build());
        root.Subcommands.Add(CertCommand.Build());
        root.Subcommands.Add(WebCommand.Build());
        return root;
    }
}
