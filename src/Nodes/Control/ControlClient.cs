using ActorStream.Nodes.Configuration;
using ActorStream.Nodes.Hosting;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorStream.Nodes.Control;

/// <summary>
/// A short-lived node for the control commands (`dest`, `nodes`, `metrics`): a remote-only actor system (no
/// cluster member: it must not join, be gossiped about or be downed) that asks the seed's actors by path, with the
/// cluster certificate when there is one, prints the answer, and goes away.
/// </summary>
public sealed class ControlClient : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly ActorSystem _system;
    private readonly ILoggerFactory _loggerFactory;

    private ControlClient(IHost host, ActorSystem system, Address seed, ILoggerFactory loggerFactory)
    {
        _host = host;
        _system = system;
        Seed = seed;
        _loggerFactory = loggerFactory;
    }

    public Address Seed { get; }

    /// <summary>Starts the client node on a free port, with the cluster certificate from the configuration.</summary>
    /// <exception cref="NodeStartException">The certificate cannot be read, or the actor system did not start.</exception>
    public static async Task<ControlClient> StartAsync(FileInfo? configFile, IReadOnlyList<ConfigOverride> overrides, SeedEndPoint seed,
        CancellationToken cancellationToken)
    {
        var config = NodeConfiguration.Load(configFile,
        [
            .. overrides,
            new ConfigOverride("actorstream.remote.port", "0", "control client"),
            // Quiet by default: the command prints the answer; the node's own chatter is noise here.
            new ConfigOverride("actorstream.log-level", Environment.GetEnvironmentVariable("ACTORSTREAM_LOG_LEVEL") ?? "warning", "control client"),
        ]);
        var level = NodeLogging.Level(config);
        var loggerFactory = NodeLogging.Create(config);
        var remote = RemoteSettings.Read(config);
        try
        {
            var host = await NodeHost.StartPlainAsync((services, logging) =>
            {
                NodeLogging.Configure(logging, level);
                NodeHost.AddActorSystem(services, config, remote, NodeKind.Control, []);
            }, cancellationToken).ConfigureAwait(false);
            return new ControlClient(host, host.Services.GetRequiredService<ActorSystem>(), seed.ToAddress(remote), loggerFactory);
        }
        catch
        {
            loggerFactory.Dispose();
            throw;
        }
    }

    /// <summary>Asks the actor at <paramref name="path"/> on the seed (e.g. /user/stations/main).</summary>
    /// <exception cref="ControlException">No answer in time, with what to check.</exception>
    public async Task<T> AskAsync<T>(string path, object message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var selection = _system.ActorSelection($"{Seed}{path}");
        try
        {
            return await selection.Ask<T>(message, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException) when (NodeHost.StoppedByTlsFailure(_system))
        {
            throw new ControlException(NodeHost.TlsFailureMessage(Seed));
        }
        catch (AskTimeoutException)
        {
            throw new ControlException(
                $"no answer from {Seed.Host}:{Seed.Port} within {timeout.TotalSeconds:0.#} s: is the seed running there, " +
                $"does {path} exist on it, and do both sides use the same cluster certificate (or both none)?");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await NodeHost.StopAsync(_host, _loggerFactory.CreateLogger<ControlClient>()).ConfigureAwait(false);
        _host.Dispose();
        _loggerFactory.Dispose();
    }
}
