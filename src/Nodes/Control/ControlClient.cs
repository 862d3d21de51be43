using ActorStream.Messages.Wire;
using ActorStream.Nodes.Hosting;
using ActorStream.Runtime.Actor;
using ActorStream.Runtime.Configuration;
using Microsoft.Extensions.Logging;

namespace ActorStream.Nodes.Control;

/// <summary>
/// A short-lived remoting node for the control commands (`dest`, `nodes`): it joins no cluster, asks one
/// question of the seed, prints the answer, and goes away.
/// </summary>
public sealed class ControlClient : IAsyncDisposable
{
    private readonly ActorSystem _system;
    private readonly Address _seed;
    private readonly ILoggerFactory _loggerFactory;

    private ControlClient(ActorSystem system, Address seed, ILoggerFactory loggerFactory)
    {
        _system = system;
        _seed = seed;
        _loggerFactory = loggerFactory;
    }

    /// <summary>Starts the client node on a free port, with the cluster secret from the configuration.</summary>
    public static ControlClient Start(FileInfo? configFile, Address seed)
    {
        var config = NodeConfiguration.Load(configFile,
        [
            new ConfigOverride("actorstream.actor.provider", "remote", "control client"),
            new ConfigOverride("actorstream.remote.port", "0", "control client"),
            // Quiet by default: the command prints the answer; the node's own chatter is noise here.
            new ConfigOverride("actorstream.log-level", Environment.GetEnvironmentVariable("ACTORSTREAM_LOG_LEVEL") ?? "warning", "control client"),
        ]);
        var loggerFactory = NodeLogging.Create(config);
        var system = ActorSystem.Create(ActorStream.Nodes.Seed.SeedNode.SystemName, config, loggerFactory, WireRegistry.RegisterAll);
        return new ControlClient(system, seed, loggerFactory);
    }

    public Address Seed => _seed;

    /// <summary>Asks the actor at <paramref name="path"/> on the seed (e.g. /user/stations/main).</summary>
    /// <exception cref="ControlException">No answer in time, with what to check.</exception>
    public async Task<T> AskAsync<T>(string path, object message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var selection = _system.ActorSelection($"{_seed}{path}");
        try
        {
            return await selection.Ask<T>(message, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            throw new ControlException(
                $"no answer from {_seed.Host}:{_seed.Port} within {timeout.TotalSeconds:0.#} s: is the seed running there, " +
                "does {path} exist on it, and do both sides use the same actorstream.remote.secret?".Replace("{path}", path, StringComparison.Ordinal));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _system.DisposeAsync().ConfigureAwait(false);
        _loggerFactory.Dispose();
    }
}
