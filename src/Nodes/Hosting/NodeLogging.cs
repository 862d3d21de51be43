using ActorStream.Nodes.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace ActorStream.Nodes.Hosting;

/// <summary>The node's log: to stderr (stdout carries the status lines), at actorstream.log-level. Akka's own log
/// goes to the same providers (Akka.Hosting's logger factory bridge), so a node has one log format.</summary>
public static class NodeLogging
{
    /// <exception cref="ConfigurationException">actorstream.log-level is not a level.</exception>
    public static LogLevel Level(Config config)
    {
        var text = config.GetString("actorstream.log-level", "information");
        if (!Enum.TryParse<LogLevel>(text, ignoreCase: true, out var level) || !Enum.IsDefined(level))
        {
            throw ConfigValues.Bad(config, "actorstream.log-level",
                $"unknown level '{text}'; use trace, debug, information, warning, error or critical");
        }

        return level;
    }

    public static void Configure(ILoggingBuilder builder, LogLevel level)
    {
        builder.ClearProviders();
        builder.SetMinimumLevel(level);
        // Hosting and Kestrel say one line per request or lifetime event: noise beside the node's own log.
        builder.AddFilter("Microsoft", LogLevel.Warning);
        builder.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "HH:mm:ss.fff ";
            options.ColorBehavior = LoggerColorBehavior.Disabled;
        });
        builder.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
    }

    public static ILoggerFactory Create(Config config)
    {
        var level = Level(config);
        return LoggerFactory.Create(builder => Configure(builder, level));
    }

    /// <summary>Akka's level for a Microsoft.Extensions.Logging one.</summary>
    public static Akka.Event.LogLevel ToAkka(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => Akka.Event.LogLevel.DebugLevel,
        LogLevel.Information => Akka.Event.LogLevel.InfoLevel,
        LogLevel.Warning => Akka.Event.LogLevel.WarningLevel,
        _ => Akka.Event.LogLevel.ErrorLevel,
    };
}
