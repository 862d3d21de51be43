using ActorStream.Runtime.Configuration;

namespace ActorStream.Runtime.Actor;

/// <summary>
/// The runtime settings read from config; every key has a default so an empty config works:
/// actorstream.actor.default-dispatcher.throughput (30), actorstream.actor.ask-timeout (5s),
/// actorstream.actor.dispose-timeout (10s), actorstream.actor.guardian-supervisor-strategy ("default" or "stopping"),
/// actorstream.actor.dead-letters.log-limit (10), actorstream.actor.dead-letters.log-suspend-duration (5m).
/// </summary>
public sealed class Settings
{
    public Settings(string systemName, Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        SystemName = systemName;
        Config = config;
        Throughput = config.GetInt("actorstream.actor.default-dispatcher.throughput", 30);
        if (Throughput < 1) throw new ConfigurationException($"actorstream.actor.default-dispatcher.throughput must be >= 1, was {Throughput}");
        AskTimeout = config.GetTimeSpan("actorstream.actor.ask-timeout", TimeSpan.FromSeconds(5));
        DisposeTimeout = config.GetTimeSpan("actorstream.actor.dispose-timeout", TimeSpan.FromSeconds(10));
        LogDeadLetters = config.GetInt("actorstream.actor.dead-letters.log-limit", 10);
        LogDeadLettersSuspendDuration = config.GetTimeSpan("actorstream.actor.dead-letters.log-suspend-duration", TimeSpan.FromMinutes(5));
        var guardianStrategy = config.GetString("actorstream.actor.guardian-supervisor-strategy", "default");
        GuardianSupervisorStrategy = guardianStrategy switch
        {
            "default" => SupervisorStrategy.DefaultStrategy,
            "stopping" => SupervisorStrategy.StoppingStrategy,
            _ => throw new ConfigurationException($"actorstream.actor.guardian-supervisor-strategy must be 'default' or 'stopping', was '{guardianStrategy}'"),
        };
    }

    public string SystemName { get; }
    public Config Config { get; }

    /// <summary>Max user messages a mailbox processes per turn.</summary>
    public int Throughput { get; }

    /// <summary>Used by Ask when no timeout is given; infinite (or zero) means wait forever.</summary>
    public TimeSpan AskTimeout { get; }

    public TimeSpan DisposeTimeout { get; }
    public int LogDeadLetters { get; }
    public TimeSpan LogDeadLettersSuspendDuration { get; }

    /// <summary>How /user supervises top-level actors.</summary>
    public SupervisorStrategy GuardianSupervisorStrategy { get; }
}
