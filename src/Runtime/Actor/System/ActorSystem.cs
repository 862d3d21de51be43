using ActorStream.Runtime.Configuration;
using ActorStream.Runtime.Event;
using Microsoft.Extensions.Logging;

namespace ActorStream.Runtime.Actor;

/// <summary>
/// A hierarchy of actors with shared configuration, scheduler, event stream and dead letters (Akka's
/// ActorSystem). Dispose or Terminate it to stop every actor.
/// </summary>
public abstract class ActorSystem : IActorRefFactory, IDisposable, IAsyncDisposable
{
    /// <summary>Creates and starts a system. <paramref name="name"/>: letters, digits, '-' and '_', starting with a letter or digit.</summary>
    public static ActorSystem Create(string name, Config? config = null, ILoggerFactory? loggerFactory = null)
    {
        var system = new ActorSystemImpl(name, config ?? Config.Empty, loggerFactory);
        system.Start();
        return system;
    }

    /// <summary>As above; <paramref name="registerMessages"/> registers the node's wire messages before remoting starts
    /// (Nodes passes ActorStream.Messages.Wire.WireRegistry.RegisterAll).</summary>
    public static ActorSystem Create(string name, Config? config, ILoggerFactory? loggerFactory, Action<Serialization.MessageRegistry> registerMessages)
    {
        var system = new ActorSystemImpl(name, config ?? Config.Empty, loggerFactory, registerMessages);
        system.Start();
        return system;
    }

    public abstract string Name { get; }
    public abstract Settings Settings { get; }
    public abstract IScheduler Scheduler { get; }
    public abstract EventStream EventStream { get; }
    public abstract IActorRef DeadLetters { get; }
    public abstract ILoggerFactory LoggerFactory { get; }

    /// <summary>The system's own log (category ActorStream.Runtime.ActorSystem).</summary>
    public abstract ILogger Log { get; }

    public abstract DateTimeOffset StartTime { get; }
    public TimeSpan Uptime => DateTimeOffset.UtcNow - StartTime;

    /// <summary>Completes when every actor has stopped.</summary>
    public abstract Task WhenTerminated { get; }

    public abstract IActorRef ActorOf(Props props, string? name = null);
    public abstract ActorSelection ActorSelection(string path);
    public abstract ActorSelection ActorSelection(ActorPath path);

    /// <summary>Stops the actor asynchronously (children first, then it).</summary>
    public abstract void Stop(IActorRef actor);

    /// <summary>Stops /user (all user actors), then the system actors; returns <see cref="WhenTerminated"/>.</summary>
    public abstract Task Terminate();

    /// <summary>Starts termination and waits for it (bounded by actorstream.actor.dispose-timeout) unless called on a
    /// thread-pool thread, where blocking is not allowed: there it only starts termination. Prefer DisposeAsync.</summary>
    public void Dispose()
    {
        var terminated = Terminate();
        if (!Thread.CurrentThread.IsThreadPoolThread)
        {
            terminated.Wait(Settings.DisposeTimeout);
        }
        GC.SuppressFinalize(this);
    }

    public async ValueTask DisposeAsync()
    {
        await Terminate().WaitAsync(Settings.DisposeTimeout).ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    public override string ToString() => $"ActorSystem({Name})";
}
