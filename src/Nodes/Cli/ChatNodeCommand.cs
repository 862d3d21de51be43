using System.CommandLine;
using System.Globalization;
using ActorStream.Nodes.Chat;
using ActorStream.Nodes.Configuration;
using ActorStream.Nodes.Hosting;

namespace ActorStream.Nodes.Cli;

/// <summary>`actorstream chat --seed H:P`: the chat client node itself (its one-shot subcommands are in <see cref="ChatCommand"/>).</summary>
public static class ChatNodeCommand
{
    public static Command Build()
    {
        var seed = ControlOptions.Seed();
        var name = ChatCommand.NameOption("Your display name: letters, digits, '-', '_', '.'; refused (exit 1) when someone connected holds it " +
            "(default: actorstream.chat.name, else this host's name)");
        var json = new Option<bool>("--json") { Description = "Not interactive, and every line a JSON object: {\"type\":\"event\"|\"presence\"|\"connection\"|\"refused\"|\"sent\",...}" };
        var stay = new Option<bool>("--stay")
        {
            Description = "Not interactive: keep running after stdin ends (until --duration, SIGTERM or Ctrl+C); default: leave once " +
                "every line was answered and shown",
        };
        var duration = new Option<double?>("--duration") { Description = "Leave after this many seconds (default: no limit)", HelpName = "SECONDS" };
        var port = new Option<int?>("--port") { Description = "This node's cluster port (default: any free port)", HelpName = "PORT" };
        var host = new Option<string?>("--host")
        {
            Description = "This machine's IP address as the seed reaches it (default 127.0.0.1)",
            HelpName = "ADDRESS",
        };
        var command = new Command("chat",
            "Join the seed's chat as NAME (a cluster member, role chat). On a terminal: interactive, the chat above and your line " +
            "below; announcements set apart; /history [N] shows older messages, /announcements those in force, /quit (or Ctrl+D) " +
            "leaves. Into a pipe (or with --json): each stdin line is sent as a message, in order, each after the previous " +
            "one's answer, and everything the chat says is printed one line each (\"[#12 14:03:07] ann: hello\", \"sent #12\", " +
            "\"* bob joined\", \"refused: ...\"); at the end of stdin it leaves once every line was answered and shown (--stay: " +
            "it stays). Exit 1 when the name is refused, or (not on a terminal) when any message was or the chat was never " +
            "reached. Reconnects by itself " +
            "when the seed restarts or the cluster drops this node")
        {
            seed, name, json, stay, duration, port, host,
        };
        command.SetAction(async (result, token) =>
        {
            var stderr = result.InvocationConfiguration.Error;
            if (await ControlOptions.ParseSeedAsync(result, seed) is not { } seedAddress)
            {
                return ExitCodes.BadUsage;
            }

            var seconds = result.GetValue(duration);
            if (seconds is not null && seconds is not (> 0 and <= 30 * 24 * 3600) || result.GetValue(port) is < 0 or > 65535)
            {
                await stderr.WriteLineAsync("actorstream chat: --duration must be more than 0 seconds (at most 30 days), --port 0..65535");
                return ExitCodes.BadUsage;
            }

            var (chatName, code) = await ChatCommand.ResolveNameAsync(result, name);
            if (chatName is null)
            {
                return code;
            }

            var asJson = result.GetValue(json);
            var output = result.InvocationConfiguration.Output;
            var interactive = !asJson && ReferenceEquals(output, Console.Out) && !Console.IsInputRedirected && !Console.IsOutputRedirected;
            var settings = new ChatNodeSettings(chatName, interactive, asJson, result.GetValue(stay),
                seconds is { } s ? TimeSpan.FromSeconds(s) : TimeSpan.Zero);
            return await CommandRunner.RunAsync(result, async () =>
            {
                var config = NodeConfiguration.Load(CommonOptions.GetConfigFile(result),
                [
                    .. CommonOptions.Overrides(result),
                    new ConfigOverride("actorstream.remote.port", (result.GetValue(port) ?? 0).ToString(CultureInfo.InvariantCulture), "flag --port"),
                    .. result.GetValue(host) is { } address ? [new ConfigOverride("actorstream.remote.hostname", address, "flag --host")] : Array.Empty<ConfigOverride>(),
                    // The chat is the output: the node's own log stays at warnings unless asked for.
                    new ConfigOverride("actorstream.log-level", Environment.GetEnvironmentVariable("ACTORSTREAM_LOG_LEVEL") ?? "warning", "chat client"),
                ]);
                return await new ChatNode(config, seedAddress, settings, output, stderr).RunAsync(token);
            });
        });
        return command;
    }
}
