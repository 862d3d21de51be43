using Akka.Actor;
using Akka.Hosting.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Actors.Logging;

/// <summary>
/// The node's ILoggerFactory, as Akka.Hosting hands it to the actor system (<see cref="LoggerFactorySetup"/>):
/// actors log through Microsoft.Extensions.Logging like the rest of the node, and Akka's own log goes to the same
/// factory, so a node has one log format. A system created without one (a unit test) logs nowhere.
/// </summary>
public static class ActorSystemLogging
{
    public static ILoggerFactory LoggerFactory(this ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var setup = system.Settings.Setup.Get<LoggerFactorySetup>();
        return setup.HasValue ? setup.Value.LoggerFactory : NullLoggerFactory.Instance;
    }
}
