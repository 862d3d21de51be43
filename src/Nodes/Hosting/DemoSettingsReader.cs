using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Hosting;

/// <summary>Reads actorstream.demo, validating it.</summary>
public static class DemoSettingsReader
{
    /// <summary>More viewer processes than this would only measure how busy the machine is.</summary>
    public const int MaxViewers = 32;

    /// <summary>Its nodes are given the demo's duration plus a few minutes as their own safety stop, which must stay
    /// within <see cref="ConfigValues.MaxRunDuration"/>.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(7);

    public static DemoSettings Read(Config config)
    {
        var viewers = ConfigValues.PositiveInt(config, "actorstream.demo.viewers");
        if (viewers > MaxViewers)
        {
            throw ConfigValues.Bad(config, "actorstream.demo.viewers", $"at most {MaxViewers} viewers on one machine, got {viewers}");
        }

        var duration = config.GetTimeSpan("actorstream.demo.duration");
        if (duration < TimeSpan.Zero || duration > MaxDuration)
        {
            throw ConfigValues.Bad(config, "actorstream.demo.duration",
                $"must be 0 (until Ctrl+C) or positive, at most {MaxDuration.TotalDays:0} days, got {duration}");
        }

        return new DemoSettings(viewers, duration, config.GetBoolean("actorstream.demo.open-console"));
    }
}
