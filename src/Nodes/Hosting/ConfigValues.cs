using ActorStream.Nodes.Configuration;

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

    /// <summary>
    /// The longest run a node (or the demo) can be given: a CancellationTokenSource cannot wait longer than about
    /// 49 days, and asking it to throws at the node's start with a stack trace instead of a message.
    /// </summary>
    public static readonly TimeSpan MaxRunDuration = TimeSpan.FromDays(30);

    /// <summary>A "run this long" setting: 0 (until stopped) or positive, at most <see cref="MaxRunDuration"/>.</summary>
    public static TimeSpan RunDuration(Config config, string path)
    {
        var value = config.GetTimeSpan(path);
        return value >= TimeSpan.Zero && value <= MaxRunDuration
            ? value
            : throw Bad(config, path, $"must be 0 (until stopped) or a positive duration of at most {MaxRunDuration.TotalDays:0} days, got {value}");
    }
}
