using System.Net;
using ActorStream.Messages.Metrics;
using ActorStream.Messages.Stations;
using ActorStream.Nodes.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorStream.Nodes.Web;

/// <summary>
/// The seed's HTTP server (Kestrel from the shared framework) in the seed's own host, beside its actor system:
/// GET /metrics answers the Prometheus text format of a fresh snapshot (written by prometheus-net), GET /stations.m3u
/// a playlist of the multicast stations (<see cref="StationPlaylist"/>), GET / a short index. The snapshot and the
/// station list come from delegates (the seed asks /user/metrics and /user/stations), so the server can be tested
/// with hand-made ones.
/// </summary>
public sealed class MetricsHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    /// <summary>The host's services (the actor system, when the node added one).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The host itself, for the node to stop.</summary>
    public IHost Host => _app;

    private MetricsHttpServer(WebApplication app, IPEndPoint endPoint)
    {
        _app = app;
        EndPoint = endPoint;
    }

    /// <summary>Where it listens; the port is the real one when 0 was asked for.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The /metrics URL as a client reaches it: <paramref name="advertisedHost"/> stands in for a
    /// wildcard bind address (0.0.0.0 or ::).</summary>
    public Uri MetricsUri(string advertisedHost) => new(BaseUri(advertisedHost), "/metrics");

    /// <summary>The server's root (the web console) as a client reaches it, as <see cref="MetricsUri"/>.</summary>
    public Uri BaseUri(string advertisedHost)
    {
        var host = EndPoint.Address.Equals(IPAddress.Any) || EndPoint.Address.Equals(IPAddress.IPv6Any)
            ? advertisedHost
            : EndPoint.Address.ToString();
        return new UriBuilder("http", host, EndPoint.Port, "/").Uri;
    }

    /// <exception cref="NodeStartException">The port is taken or the address is not this machine's.</exception>
    public static Task<MetricsHttpServer> StartAsync(HttpSettings settings, Func<CancellationToken, Task<MetricsSnapshot>> snapshot,
        TimeSpan snapshotTimeout, ILogger log, CancellationToken cancellationToken) =>
        StartAsync(settings, (_, ct) => snapshot(ct), snapshotTimeout, log, builder => builder.Logging.ClearProviders(), cancellationToken);

    /// <param name="snapshot">Asked with the host's services (where the node's actor system is) on each GET /metrics.</param>
    /// <param name="configure">Adds the node's own services (its actor system, its logging) to the host.</param>
    /// <param name="stations">Asked with the host's services on each GET /stations.m3u, within the same timeout as
    /// the snapshot; null when the node has no stations (the playlist then answers 404).</param>
    /// <param name="map">Maps more of the site (the web console) on the built app; it then answers / itself, in place
    /// of the plain index. Its services go in with <paramref name="configure"/>.</param>
    /// <exception cref="NodeStartException">The port is taken or the address is not this machine's.</exception>
    public static async Task<MetricsHttpServer> StartAsync(HttpSettings settings,
        Func<IServiceProvider, CancellationToken, Task<MetricsSnapshot>> snapshot, TimeSpan snapshotTimeout, ILogger log,
        Action<WebApplicationBuilder> configure, CancellationToken cancellationToken,
        Func<IServiceProvider, CancellationToken, Task<StationList>>? stations = null, Action<WebApplication>? map = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        configure(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IHostLifetime, PassiveHostLifetime>());
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(settings.BindAddress, settings.Port);
            kestrel.AddServerHeader = false;
        });

        var app = builder.Build();
        Task<MetricsSnapshot> Snapshot(CancellationToken ct) => snapshot(app.Services, ct);
        app.MapGet("/metrics", (RequestDelegate)(context => ServeMetricsAsync(context, Snapshot, snapshotTimeout, log)));
        if (stations is not null)
        {
            Task<StationList> Stations(CancellationToken ct) => stations(app.Services, ct);
            app.MapGet("/stations.m3u", (RequestDelegate)(context => ServeStationsAsync(context, Stations, snapshotTimeout, log)));
        }

        if (map is not null)
        {
            map(app);
        }
        else
        {
            MapIndex(app, stations is not null);
        }

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            // Whatever else the host started (the node's actor system) goes down with it.
            using (var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
            {
                await app.StopAsync(bounded.Token).ConfigureAwait(false);
            }

            await app.DisposeAsync().ConfigureAwait(false);
            var where = $"{settings.BindAddress}:{settings.Port}";
            throw new NodeStartException(ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException
                ? $"HTTP port {where} is already in use (is another node running?); choose another with --http PORT, or --http off"
                : $"cannot serve HTTP on {where}: {ex.Message} (set actorstream.http.bind-address, or --http off)", ex);
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                      ?? throw new InvalidOperationException("Kestrel started without an address");
        var port = new Uri(address).Port;
        return new MetricsHttpServer(app, new IPEndPoint(settings.BindAddress, port));
    }

    /// <summary>GET /: what the server offers, in plain text (the web console, when on, answers / instead).</summary>
    private static void MapIndex(WebApplication app, bool stations) =>
        app.MapGet("/", (RequestDelegate)(context =>
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync(
                "ActorStream seed\n\n/metrics       Prometheus text format (0.0.4): stations, viewers, destinations\n" +
                (stations ? "/stations.m3u  playlist of the multicast stations (udp://@group:port), for VLC or ffplay\n" : ""),
                context.RequestAborted);
        }));

    private static Task ServeMetricsAsync(HttpContext context, Func<CancellationToken, Task<MetricsSnapshot>> snapshot,
        TimeSpan timeout, ILogger log) =>
        ServeAskedAsync(context, "/metrics", "metrics", snapshot, timeout, log, "metrics actor did not answer in time\n", current =>
        {
            context.Response.ContentType = MetricsExposition.ContentType;
            return MetricsExposition.WriteAsync(current, context.Response.Body, context.RequestAborted);
        });

    private static Task ServeStationsAsync(HttpContext context, Func<CancellationToken, Task<StationList>> stations,
        TimeSpan timeout, ILogger log) =>
        ServeAskedAsync(context, "/stations.m3u", "stations", stations, timeout, log,
            $"the stations actor (/user/stations) did not answer within {timeout.TotalSeconds:0.#} s; try again\n", current =>
            {
                context.Response.ContentType = StationPlaylist.ContentType;
                return context.Response.WriteAsync(StationPlaylist.Render(current), context.RequestAborted);
            });

    /// <summary>
    /// Answers GET <paramref name="route"/> with what <paramref name="ask"/> returns within <paramref name="timeout"/>;
    /// an actor that does not answer in time gets 503 with <paramref name="unavailable"/> (logged), not a hung request.
    /// A request the client abandons is just cancelled.
    /// </summary>
    private static async Task ServeAskedAsync<T>(HttpContext context, string route, string actor, Func<CancellationToken, Task<T>> ask,
        TimeSpan timeout, ILogger log, string unavailable, Func<T, Task> write)
    {
        T current;
        using (var bounded = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted))
        {
            bounded.CancelAfter(timeout);
            try
            {
                current = await ask(bounded.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && !context.RequestAborted.IsCancellationRequested))
            {
                log.LogWarning("GET {Route}: the {Actor} actor did not answer within {Timeout}", route, actor, timeout);
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(unavailable, CancellationToken.None).ConfigureAwait(false);
                return;
            }
        }

        await write(current).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        using (var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(bounded.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
