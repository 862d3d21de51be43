using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Hosting;

/// <summary>
/// Loads a node's settings in DESIGN.md's order: reference.conf (shipped beside the executable), the
/// --config file, ACTORSTREAM_* environment variables, then flags.
/// </summary>
public static class NodeConfiguration
{
    public static string ReferencePath => Path.Combine(AppContext.BaseDirectory, "reference.conf");

    /// <exception cref="ConfigurationException">A file is missing or broken, or a value is bad; the message
    /// names the file, line and key.</exception>
    public static Config Load(FileInfo? userFile, IEnumerable<ConfigOverride> overrides)
    {
        if (!File.Exists(ReferencePath))
        {
            throw new ConfigurationException($"reference.conf is missing beside the executable ({ReferencePath}); rebuild ActorStream");
        }

        if (userFile is not null && !userFile.Exists)
        {
            throw new ConfigurationException($"--config {userFile.FullName}: no such file");
        }

        var loader = new NodeConfigLoader(ConfigurationFactory.ProcessEnvironment());
        var config = loader.Load(ReferencePath, userFile?.FullName, overrides);
        AkkaSettingsCheck.Check(config, ConfigurationFactory.ParseFile(ReferencePath));
        return config;
    }
}
