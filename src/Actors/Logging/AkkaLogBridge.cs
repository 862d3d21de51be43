using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;
using Microsoft.Extensions.Logging;

namespace ActorStream.Actors.Logging;

/// <summary>
/// Akka's logger (akka.loggers): writes Akka's own log events through the node's Microsoft.Extensions.Logging factory
/// under the class that logged them ("Akka.Cluster.ClusterCoreDaemon"), so Akka's lines look like every other line of
/// the node. (Akka.Hosting's logger writes Akka's whole formatted line, level, date and thread included, as the
/// message: every line said its level and time twice.)
/// </summary>
public sealed class AkkaLogBridge : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    public AkkaLogBridge()
    {
        var factory = Context.System.LoggerFactory();
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(logEvent =>
        {
            // A string source ("Cluster (akka://actorstream)") has a placeholder class; its first word names it then.
            var fromString = logEvent.LogClass is null || logEvent.LogClass == typeof(DummyClassForStringSources);
            var source = logEvent.LogSource ?? "";
            var cut = source.IndexOf(' ', StringComparison.Ordinal);
            var category = fromString ? "Akka." + (cut > 0 ? source[..cut] : source) : logEvent.LogClass!.FullName ?? "Akka";
            var logger = factory.CreateLogger(category);
            var level = logEvent.LogLevel() switch
            {
                Akka.Event.LogLevel.DebugLevel => Microsoft.Extensions.Logging.LogLevel.Debug,
                Akka.Event.LogLevel.InfoLevel => Microsoft.Extensions.Logging.LogLevel.Information,
                Akka.Event.LogLevel.WarningLevel => Microsoft.Extensions.Logging.LogLevel.Warning,
                _ => Microsoft.Extensions.Logging.LogLevel.Error,
            };
            if (logger.IsEnabled(level))
            {
                if (fromString)
                {
                    logger.Log(level, logEvent.Cause, "{Message}", logEvent.Message);
                }
                else
                {
                    logger.Log(level, logEvent.Cause, "{Message} ({Source})", logEvent.Message, source);
                }
            }
        });
    }
}
