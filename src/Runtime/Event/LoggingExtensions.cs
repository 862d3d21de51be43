using ActorStream.Runtime.Actor;
using Microsoft.Extensions.Logging;

namespace ActorStream.Runtime.Event;

/// <summary>Akka's <c>Context.GetLogger()</c>: an ILogger named after the actor's class.</summary>
public static class LoggingExtensions
{
    public static ILogger GetLogger(this IActorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context is ActorCell cell ? cell.Log : context.System.LoggerFactory.CreateLogger(context.Props.Type.FullName ?? context.Props.Type.Name);
    }
}
