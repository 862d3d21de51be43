using ActorStream.Messages.Cluster;
using ActorStream.Messages.Metrics;
using ActorStream.Messages.Stations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorStream.Nodes.Web.Console;

/// <summary>
/// The figures every live page gets: the stations and the metrics snapshot every second, the cluster every two. Asked
/// once for all pages (not once per page), and only while a page is open; an actor that does not answer in time
/// costs that round its message, not the loop.
/// </summary>
public sealed class LiveFeed(IServiceProvider services, LiveConnections connections, ILogger<LiveFeed> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        var round = 0L;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (connections.Count == 0)
                {
                    continue;
                }

                var actors = services.GetRequiredService<ConsoleActors>();
                var stations = PostAsync(() => actors.AskAsync<StationList>(ConsoleActors.StationsPath, ListStations.Instance, stoppingToken, Interval),
                    list => new LiveStations(list.Stations));
                var metrics = PostAsync(() => actors.AskMetricsAsync<MetricsSnapshot>(GetMetricsSnapshot.Instance, stoppingToken),
                    snapshot => new LiveMetrics(snapshot));
                var cluster = round++ % 2 == 0
                    ? PostAsync(() => actors.AskAsync<ClusterMembers>(ConsoleActors.ClusterMembersPath, GetClusterMembers.Instance, stoppingToken, Interval),
                        members => new LiveCluster(members))
                    : Task.CompletedTask;
                await Task.WhenAll(stations, metrics, cluster).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PostAsync<T>(Func<Task<T>> ask, Func<T, object> message)
    {
        try
        {
            connections.PostToAll(message(await ask().ConfigureAwait(false)));
        }
        catch (ActorUnavailableException ex)
        {
            log.LogDebug("Live feed: {Problem}", ex.Message);
        }
    }
}
