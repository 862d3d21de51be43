using System.Diagnostics;
using System.Globalization;
using ActorStream.Actors.Metrics;
using ActorStream.Actors.Stations;
using ActorStream.Media.Ffmpeg;
using ActorStream.Messages.Metrics;
using ActorStream.Messages.Stations;
using ActorStream.Nodes.Hosting;
using ActorStream.Nodes.Web;
using ActorStream.Runtime.Actor;
using ActorStream.Runtime.Cluster;
using ActorStream.Runtime.Configuration;
using Microsoft.Extensions.Logging;

namespace ActorStream.Nodes.Seed;

/// <summary>
/// The seed node of the camera machine: checks ffmpeg and the source, starts the actor system with
/// /user/stations, prints one status line per interval on stdout, and stops everything on Ctrl+C, SIGTERM
/// or when actorstream.seed.duration has passed.
/// </summary>
public sealed class SeedNode
{
    public const string SystemName = "actorstream";

    /// <summary>How long GET /metrics waits for the metrics actor.</summary>
    public static readonly TimeSpan SnapshotTimeout = TimeSpan.FromSeconds(5);

    private readonly Config _config;
    private readonly TextWriter _out;

    public SeedNode(Config config, TextWriter stdout)
    {
        _config = config;
        _out = stdout;
    }

    /// <exception cref="ConfigurationException">A setting is bad.</exception>
    /// <exception cref="MediaSetupException">ffmpeg, an encoder, or the source is missing.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var station = StationSettingsReader.Read(_config);
        var statusInterval = ConfigValues.PositiveDuration(_config, "actorstream.seed.status-interval");
        var duration = ConfigValues.RunDuration(_config, "actorstream.seed.duration");
        var metricsSettings = MetricsSettingsReader.Read(_config);
        var http = HttpSettingsReader.Read(_config);
        using var loggerFactory = NodeLogging.Create(_config);
        var log = loggerFactory.CreateLogger("ActorStream.Seed");

        var ffmpeg = FfmpegInstallation.Locate(
            _config.GetString("actorstream.ffmpeg.path"), _config.GetString("actorstream.ffmpeg.ffprobe-path"), log);
        await CheckToolsAsync(ffmpeg, station, cancellationToken).ConfigureAwait(false);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (duration > TimeSpan.Zero)
        {
            stop.CancelAfter(duration);
        }

        var system = NodeSystem.Create(ClusterConfig.ForSeed(_config), loggerFactory, "--port");
        await using (system.ConfigureAwait(false))
        {
            var cluster = Cluster.Get(system);
            // Metrics and HTTP first: a taken HTTP port then stops the seed before any ffmpeg has started.
            var metrics = system.ActorOf(MetricsActor.Props(metricsSettings), MetricsActor.Name);
            await using var web = await StartHttpAsync(http, metrics, cluster.SelfAddress.Host ?? "127.0.0.1", log, stop.Token)
                .ConfigureAwait(false);
            var stations = system.ActorOf(
                Props.Create(() => new StationsSupervisor(new[] { station }, ffmpeg)), StationsSupervisor.Name);
            system.ActorOf(Props.Create(() => new ViewerNodeWatcher(stations)), ViewerNodeWatcher.Name);
            log.LogInformation("Seed node {Address} (viewers join with: actorstream viewer --seed {Host}:{Port})",
                cluster.SelfAddress, cluster.SelfAddress.Host, cluster.SelfAddress.Port);
            var stationRef = system.ActorSelection($"/user/{StationsSupervisor.Name}/{station.Name}");
            log.LogInformation("Seed running station {Station}: {Source}, {Codec}, {Destinations} destination(s)",
                station.Name, station.Capture.Source, station.Encoder.IsPassthrough ? "copy" : station.Encoder.Settings.Codec.ToString(),
                station.Destinations.Count);

            var clock = Stopwatch.StartNew();
            var last = await StatusLoop.RunAsync<StationStatus>(stationRef, GetStationStatus.Instance, StatusLine.Format,
                statusInterval, _out, log, stop.Token).ConfigureAwait(false);

            log.LogInformation("Seed stopping: leaving the cluster");
            await ClusterConfig.LeaveGracefullyAsync(cluster, log).ConfigureAwait(false);
            await system.Terminate().ConfigureAwait(false);
            if (last is not null)
            {
                await _out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"summary: {last.FramesEncoded} frames encoded in {clock.Elapsed.TotalSeconds:0.0} s, {last.Destinations} destination(s), {last.Drops} dropped, encoder restarts {last.EncoderRestarts}, capture restarts {last.CaptureRestarts}"))
                    .ConfigureAwait(false);
            }
        }
    }

    /// <summary>Starts the HTTP server (unless disabled) and says once on stdout where /metrics is.</summary>
    private async Task<MetricsHttpServer?> StartHttpAsync(HttpSettings http, IActorRef metrics, string advertisedHost, ILogger log,
        CancellationToken token)
    {
        if (!http.Enabled)
        {
            log.LogInformation("HTTP server off (actorstream.http.enabled)");
            return null;
        }

        var server = await MetricsHttpServer.StartAsync(http,
            ct => metrics.Ask<MetricsSnapshot>(GetMetricsSnapshot.Instance, SnapshotTimeout, ct), SnapshotTimeout, log, token)
            .ConfigureAwait(false);
        var uri = server.MetricsUri(advertisedHost);
        log.LogInformation("Serving Prometheus metrics at {Uri} (listening on {EndPoint})", uri, server.EndPoint);
        await _out.WriteLineAsync($"metrics: {uri}").ConfigureAwait(false);
        await _out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        return server;
    }

    private static async Task CheckToolsAsync(FfmpegInstallation ffmpeg, StationSettings station, CancellationToken token)
    {
        if (station.Encoder.IsPassthrough)
        {
            if (!File.Exists(station.Encoder.PassthroughFile))
            {
                throw new MediaSetupException($"Video source file not found: '{station.Encoder.PassthroughFile}'.");
            }

            return;
        }

        CapturePreflight.EnsureAvailable(station.Capture);
        var settings = station.Encoder.Settings;
        var encoders = new List<string> { VideoCodecNames.EncoderName(settings.Codec) };
        if (settings.Audio)
        {
            encoders.Add("aac");
        }

        var filters = settings.Overlay ? new[] { "drawtext" } : [];
        await ffmpeg.EnsureAvailableAsync(encoders, filters, token).ConfigureAwait(false);
    }
}
