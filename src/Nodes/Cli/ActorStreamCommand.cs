using System.CommandLine;

namespace ActorStream.Nodes.Cli;

/// <summary>The root of the `actorstream` command line.</summary>
public static class ActorStreamCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("ActorStream: live video from a camera machine to many viewers on a LAN.");
        return await root.Parse(args).InvokeAsync();
    }
}
