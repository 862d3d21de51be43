using System.CommandLine;
using ActorStream.Media.Ffmpeg;
using ActorStream.Nodes.Configuration;
using ActorStream.Nodes.Control;
using ActorStream.Nodes.Demo;
using ActorStream.Nodes.Hosting;

namespace ActorStream.Nodes.Cli;

/// <summary>
/// Runs a command's work and turns every failure the user can act on into one line on stderr, prefixed with the
/// command ("actorstream dest add: ..."), and exit code 1 (DESIGN.md: 0 success, 1 a failure the message explains,
/// 2 bad usage, which the commands say before they run). One place, so every command answers alike.
/// </summary>
public static class CommandRunner
{
    public static async Task<int> RunAsync(ParseResult result, Func<Task<int>> work)
    {
        var error = result.InvocationConfiguration.Error;
        var name = CommandName(result);
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (ConfigurationException ex)
        {
            await error.WriteLineAsync($"{name}: configuration error: {ex.Message}").ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NodeStartException or MediaSetupException or ControlException or DemoFailedException)
        {
            await error.WriteLineAsync($"{name}: {ex.Message}").ConfigureAwait(false);
        }

        return ExitCodes.Failure;
    }

    /// <summary>"actorstream dest add": the command's path from the root.</summary>
    public static string CommandName(ParseResult result)
    {
        var names = new List<string>();
        for (var command = result.CommandResult; command is not null; command = command.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(command.Command is RootCommand ? "actorstream" : command.Command.Name);
        }

        names.Reverse();
        return names.Count > 0 && names[0] == "actorstream" ? string.Join(' ', names) : "actorstream " + string.Join(' ', names);
    }
}
