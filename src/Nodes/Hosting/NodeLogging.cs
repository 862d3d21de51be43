using ActorStream.Runtime.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace ActorStream.Nodes.Hosting;

/// <summary>The node's log: to stderr (stdout carries the status lines), at actorstream.log-level.</summary>
public static class NodeLogging
{
    public static ILoggerFactory Create(Config config)
    {
        var text = config.GetString("actorstream.log-level", "information");
        if (!Enum.TryParse<LogLevel>(text, ignoreCase: true, out var level) || !Enum.IsDefined(level))
        {
            throw ConfigValues.Bad(config, "actorstream.log-level",
                $"unknown level '{text}'; use trace, debug, information, warning, error or critical");
        }

        return LoggerFactory.Create(builder =>
        {
            builder.SetMinimumLevel(level);
            builder.AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.TimestampFormat = "HH:mm:ss.fff ";
                options.ColorBehavior = LoggerColorBehavior.Disabled;
            });
            builder.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        });
    }
}
