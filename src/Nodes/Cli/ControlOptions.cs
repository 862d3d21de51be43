using System.CommandLine;
using ActorStream.Nodes.Hosting;

namespace ActorStream.Nodes.Cli;

/// <summary>The options of every command that talks to a running seed.</summary>
public static class ControlOptions
{
    public static Option<string> Seed() => new("--seed")
    {
        Description = "The seed node to talk to, HOST:PORT (its cluster port, default 4053)",
        HelpName = "HOST:PORT",
        Required = true,
    };

    public static Option<string> Station() => new("--station")
    {
        Description = "The station on the seed (default: main)",
        HelpName = "NAME",
        DefaultValueFactory = _ => "main",
    };

    public static Option<double> Timeout() => new("--timeout")
    {
        Description = "Seconds to wait for the seed's answer (default 5)",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => 5,
    };

    /// <summary>The --seed the user typed, or null after saying on stderr what is wrong with it (the caller exits 2).</summary>
    public static async Task<SeedEndPoint?> ParseSeedAsync(ParseResult result, Option<string> seedOption)
    {
        try
        {
            return SeedAddress.Parse(result.GetValue(seedOption)!);
        }
        catch (ArgumentException ex)
        {
            await result.InvocationConfiguration.Error.WriteLineAsync($"{CommandRunner.CommandName(result)}: {ex.Message}").ConfigureAwait(false);
            return null;
        }
    }
}
