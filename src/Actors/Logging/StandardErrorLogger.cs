using System.Globalization;
using Akka.Event;

namespace ActorStream.Actors.Logging;

/// <summary>
/// Akka's minimal logger (akka.stdout-logger-class), used before the node's loggers start and after they stop at
/// shutdown: to stderr, in the node's line format. Akka's own writes to stdout, which carries a node's status lines
/// and a control command's answer ("Remoting shut down." landed among them whatever akka.stdout-loglevel said).
/// </summary>
public sealed class StandardErrorLogger : MinimalLogger
{
    protected override void Log(object message)
    {
        if (message is LogEvent logEvent)
        {
            var level = logEvent.LogLevel() switch
            {
                Akka.Event.LogLevel.DebugLevel => "dbug",
                Akka.Event.LogLevel.InfoLevel => "info",
                Akka.Event.LogLevel.WarningLevel => "warn",
                _ => "fail",
            };
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{DateTime.Now:HH:mm:ss.fff} {level}: Akka[0] {logEvent.Message} ({logEvent.LogSource})"));
        }
    }
}
