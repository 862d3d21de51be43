using System.CommandLine;
using ActorStream.Nodes.Configuration;

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

    public const string CertName = "--cert";

    /// <summary>The cluster certificate (actorstream.remote.certificate). Recursive: every node and command takes it.</summary>
    public static Option<FileInfo?> Cert() => new(CertName)
    {
        Description = "Cluster certificate (.pfx from `actorstream cert create`): mutual TLS with the other nodes, which must hold the same one",
        HelpName = "FILE",
        Recursive = true,
    };

    /// <summary>The settings the shared options give (--cert), for NodeConfiguration.Load.</summary>
    public static IReadOnlyList<ConfigOverride> Overrides(ParseResult result) =>
        result.GetValue<FileInfo?>(CertName) is { } cert
            ? [new ConfigOverride("actorstream.remote.certificate", cert.FullName, $"flag {CertName}")]
            : [];
}
