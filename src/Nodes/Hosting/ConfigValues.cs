using ActorStream.Runtime.Configuration;

namespace ActorStream.Nodes.Hosting;

/// <summary>Helpers that turn a bad setting into an error naming the key and where it was set.</summary>
public static class ConfigValues
{
    public static ConfigurationException Bad(Config config, string path, string problem)
    {
        var origin = config.GetOrigin(path);
        var where = origin is null ? "" : $"{origin}: ";
        return new ConfigurationException($"{where}{path}: {problem}");
    }

    public static int PositiveInt(Config config, string path)
    {
        var value = config.GetInt(path);
        return value > 0 ? value : throw Bad(config, path, $"must be a positive whole number, got {value}");
    }

    public static TimeSpan PositiveDuration(Config config, string path)
    {
        var value = config.GetTimeSpan(path);
        return value > TimeSpan.Zero ? value : throw Bad(config, path, $"must be a positive duration, got {value}");
    }
}
