using Microsoft.Extensions.Hosting;

namespace ActorStream.Nodes.Hosting;

/// <summary>
/// Lets a node's host start and stop only when the node says so. The default console lifetime would take
/// SIGTERM and Ctrl+C for itself and stop the server before the node has printed its summary and left the cluster.
/// </summary>
public sealed class PassiveHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
