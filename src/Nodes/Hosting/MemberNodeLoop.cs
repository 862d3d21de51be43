using ActorStream.Nodes.Configuration;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorStream.Nodes.Hosting;

/// <summary>
/// A viewer's or chat client's life in the cluster: one actor system after another until the node stops. The
/// cluster may down the node (a partition it was on the losing side of, a seed that went away) or it may give up on a
/// lost seed (<see cref="ActorStream.Actors.Cluster.CameraLossWatchdog"/>): its actor system then ends, and the node
/// starts a new one that joins the seed again, without restarting the process. A TLS failure before the node was ever
/// Up is a certificate mismatch and ends the node with that message.
/// </summary>
public static class MemberNodeLoop
{
    /// <param name="start">Creates the node's actors in a new actor system and says how to run, leave and restart.</param>
    /// <exception cref="NodeStartException">The TLS handshake with the seed failed (another certificate, or none).</exception>
    public static async Task RunAsync(Config config, RemoteSettings remote, NodeKind kind, Address seed, LogLevel level, ILogger log,
        CancellationTokenSource stop, Func<ActorSystem, MemberRun> start)
    {
        while (!stop.IsCancellationRequested)
        {
            var host = await NodeHost.StartPlainAsync((services, logging) =>
            {
                NodeLogging.Configure(logging, level);
                NodeHost.AddActorSystem(services, config, remote, kind, [seed]);
            }, stop.Token).ConfigureAwait(false);
            using (host)
            {
                var system = host.Services.GetRequiredService<ActorSystem>();
                var wasUp = NodeHost.TrackMemberUp(system);
                var member = start(system);
                using var run = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                NodeHost.CancelWhenTerminated(system, run);
                await member.RunAsync(run.Token).ConfigureAwait(false);

                if (stop.IsCancellationRequested)
                {
                    await member.LeavingAsync().ConfigureAwait(false);
                }
                else if (NodeHost.StoppedByTlsFailure(system) && !wasUp())
                {
                    await NodeHost.StopAsync(host, log).ConfigureAwait(false);
                    throw new NodeStartException(NodeHost.TlsFailureMessage(seed));
                }
                else
                {
                    var reason = CoordinatedShutdown.Get(system).ShutdownReason;
                    log.LogWarning("This node's actor system stopped ({Reason}): {Why}; starting again and joining {Seed}", reason,
                        reason is ActorStream.Actors.Cluster.CameraLostReason ? "the seed stayed unreachable" : "the cluster downed it", seed);
                    member.Restarting();
                }

                await NodeHost.StopAsync(host, log).ConfigureAwait(false);
            }
        }
    }
}
