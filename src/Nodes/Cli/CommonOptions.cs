using System.CommandLine;

namespace ActorStream.Nodes.Cli;

/// <summary>Options every command shares. Made anew for each command tree: System.CommandLine options
/// belong to the tree they are added to.</summary>
public static class CommonOptions
{
    public const string ConfigName = "--config";

    /// <summary>A HOCON file layered over reference.conf. Recursive: valid before or after the subcommand.</summary>
    public static Option<FileInfo?> Config() => new(ConfigName)
    {
        Description = "HOCON file with settings that override hocon/reference.conf",
        HelpName = "FILE",
        Recursive = true,
    };

    public static FileInfo? GetConfigFile(ParseResult result) => result.GetValue<FileInfo?>(ConfigName);
}
