using ActorStream.Actors.Metrics;
using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Hosting;

/// <summary>Reads actorstream.metrics for the seed's metrics actor, validating every value.</summary>
public static class MetricsSettingsReader
{
    public static MetricsSettings Read(Config config)
    {
        const string m = "actorstream.metrics.";
        var log = config.GetString(m + "log");
        return new MetricsSettings(
            ConfigValues.PositiveDuration(config, m + "interval"),
            ConfigValues.PositiveDuration(config, m + "latency-window"),
            ConfigValues.PositiveDuration(config, m + "stale-after"),
            string.IsNullOrWhiteSpace(log) ? null : log);
    }
}
