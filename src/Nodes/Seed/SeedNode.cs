using System.Diagnostics;
using System.Globalization;
using ActorStream.Actors.Chat;
using ActorStream.Actors.Cluster;
using ActorStream.Actors.Metrics;
using ActorStream.Actors.Rtsp;
using ActorStream.Actors.Sap;
using ActorStream.Actors.Stations;
using ActorStream.Media.Ffmpeg;
using ActorStream.Messages.Metrics;
using ActorStream.Messages.Stations;
using ActorStream.Nodes.Configuration;
using ActorStream.Nodes.Hosting;
using ActorStream.Nodes.Stations;
using ActorStream.Nodes.Web;
using ActorStream.Nodes.Web.Console;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorStream.Nodes.Seed;

/// <summary>
/// The seed node of the camera machine: checks ffmpeg and the source, starts one host with the actor system
/// (/user/stations, /user/metrics, /user/clock, /user/cluster-members) and the HTTP server (/metrics, /stations.m3u
/// and, with actorstream.web.console on, the web console at /), prints one status line
/// per interval on stdout, and stops everything on Ctrl+C, SIGTERM or when actorstream.seed.duration has passed.
/// </summary>
public sealed class SeedNode
{
    public const string SystemName = "actorstream";

    /// <summary>How long GET /metrics waits for the metrics actor.</summary>
    public static readonly TimeSpan SnapshotTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long the start-up lines wait for the stations to say their groups.</summary>
    private static readonly TimeSpan StartupListTimeout = TimeSpan.FromSeconds(5);

    private readonly Config _config;
    private readonly TextWriter _out;

    public SeedNode(Config config, TextWriter stdout)
    {
        _config = config;
        _out = stdout;
    }

    /// <exception cref="ConfigurationException">A setting is bad.</exception>
    /// <exception cref="MediaSetupException">ffmpeg, an encoder, or the source is missing.</exception>
    /// <exception cref="NodeStartException">A port is taken, or the certificate cannot be read.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var stationSettings = StationsReader.Read(_config);
        var multicast = MulticastSettingsReader.Read(_config);
        var specReader = new StationSpecReader(_config);
        var statusInterval = ConfigValues.PositiveDuration(_config, "actorstream.seed.status-interval");
        var duration = ConfigValues.RunDuration(_config, "actorstream.seed.duration");
        var metricsSettings = MetricsSettingsReader.Read(_config);
        var http = HttpSettingsReader.Read(_config);
        var console = WebConsoleSettingsReader.Read(_config);
        var sap = SapSettingsReader.Read(_config);
        var rtsp = RtspAddress.WithConcretePort(RtspSettingsReader.Read(_config));
        // Its own address is its first seed node, so it must know its port before it binds: port 0 takes a free one now.
        var remote = NodeHost.WithConcretePort(RemoteSettings.Read(_config));
        var knownMembersPath = ClusterConfig.KnownMembersPath(_config, remote);
        var chat = ChatSettingsReader.Read(_config, remote);
        var seeds = ClusterConfig.SeedsOfSeed(_config, remote, MemberAddressRecorder.Read(knownMembersPath));
        // Every station, those added later too, knows its RTSP URL for lists and start-up lines.
        stationSettings = stationSettings.Select(s => s with { Rtsp = rtsp, RtspUrl = RtspAddress.StationUrl(rtsp, remote.Hostname, s.Name) }).ToList();
        Func<StationSpec, StationSettings> build = spec =>
        {
            var settings = specReader.Read(spec);
            return settings with { Rtsp = rtsp, RtspUrl = RtspAddress.StationUrl(rtsp, remote.Hostname, settings.Name) };
        };

        using var loggerFactory = NodeLogging.Create(_config);
        var log = loggerFactory.CreateLogger("ActorStream.Seed");
        RemoteWarnings.WarnIfPlain(remote, log);

        var ffmpeg = FfmpegInstallation.Locate(
            _config.GetString("actorstream.ffmpeg.path"), _config.GetString("actorstream.ffmpeg.ffprobe-path"), log);
        await CheckToolsAsync(ffmpeg, stationSettings, cancellationToken).ConfigureAwait(false);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (duration > TimeSpan.Zero)
        {
            stop.CancelAfter(duration);
        }

        NodeHost.EnsurePortFree(remote, "--port");
        RtspAddress.EnsureFree(rtsp);

        var level = NodeLogging.Level(_config);
        void AddNode(IServiceCollection services, ILoggingBuilder logging)
        {
            NodeLogging.Configure(logging, level);
            NodeHost.AddActorSystem(services, _config, remote, NodeKind.Seed, seeds, (system, registry) =>
            {
                registry.Register<MetricsActor>(system.ActorOf(MetricsActor.Props(metricsSettings), MetricsActor.Name));
                system.ActorOf(ClockResponder.Props(), ClockResponder.Name);
                system.ActorOf(ClusterMembersReporter.Props(), ClusterMembersReporter.Name);
                system.ActorOf(MemberAddressRecorder.Props(knownMembersPath), MemberAddressRecorder.Name);
            }, chat.Enabled ? ChatPersistence.For(chat.DatabasePath) : null);
        }

        // HTTP and the actor system start together, before any ffmpeg: a taken port then stops the seed first.
        var (host, web) = await StartHostAsync(http, console, AddNode, log, stop.Token).ConfigureAwait(false);
        using (host)
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            var self = Akka.Cluster.Cluster.Get(system).SelfAddress;
            if (web is not null)
            {
                var uri = web.MetricsUri(self.Host ?? "127.0.0.1");
                log.LogInformation("Serving Prometheus metrics at {Uri} (listening on {EndPoint})", uri, web.EndPoint);
                await _out.WriteLineAsync($"metrics: {uri}").ConfigureAwait(false);
                if (console.Console)
                {
                    var page = web.BaseUri(self.Host ?? "127.0.0.1");
                    log.LogInformation("Serving the web console at {Uri}", page);
                    await _out.WriteLineAsync($"console: {page}").ConfigureAwait(false);
                    if (!console.AdminConfigured)
                    {
                        await _out.WriteLineAsync("console: watch-only: no admin users (actorstream web hash-password)").ConfigureAwait(false);
                    }
                }

                await _out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }

            // Each status line asks every station through the supervisor: a silent station must not cost the line.
            var stationAskTimeout = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(2).Ticks, statusInterval.Ticks / 2));
            var stations = system.ActorOf(
                Props.Create(() => new StationsSupervisor(stationSettings, ffmpeg, multicast, build, stationAskTimeout)),
                StationsSupervisor.Name);
            system.ActorOf(Props.Create(() => new ViewerNodeWatcher(stations)), ViewerNodeWatcher.Name);
            if (rtsp.Enabled)
            {
                system.ActorOf(RtspServer.Props(rtsp), RtspServer.Name);
            }
            else
            {
                log.LogInformation("RTSP server off (actorstream.rtsp.enabled, --rtsp off)");
            }

            if (sap.Enabled)
            {
                system.ActorOf(SapAnnouncer.Props(sap, system.ActorSelection($"/user/{StationsSupervisor.Name}")), SapAnnouncer.Name);
            }
            log.LogInformation("Seed node {Address} (viewers join with: actorstream viewer --seed {Host}:{Port})",
                self, self.Host, self.Port);
            await _out.WriteLineAsync(chat.Enabled
                ? $"chat: history in {chat.DatabasePath} (actorstream chat --seed {self.Host}:{self.Port})"
                : "chat: off").ConfigureAwait(false);
            await PrintStationsAsync(stations, log, stop.Token).ConfigureAwait(false);
            if (chat.Enabled)
            {
                await StartChatAsync(system, host, chat, log, stop.Token).ConfigureAwait(false);
            }

            var clock = Stopwatch.StartNew();
            // The run also ends when the actor system does (the cluster downed this node): a seed without one streams nothing.
            using var run = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
            NodeHost.CancelWhenTerminated(system, run);
            var last = await StatusLoop.RunAsync<StationSnapshots>(stations, GetStationSnapshots.Instance, StatusLine.Format,
                statusInterval, _out, log, run.Token).ConfigureAwait(false);
            if (!stop.IsCancellationRequested)
            {
                await NodeHost.StopAsync(host, log).ConfigureAwait(false);
                throw new NodeStartException(
                    $"the seed's actor system stopped ({CoordinatedShutdown.Get(system).ShutdownReason}): the cluster downed it; start it again");
            }

            log.LogInformation("Seed stopping: leaving the cluster");
            await NodeHost.StopAsync(host, log).ConfigureAwait(false);
            foreach (var station in last?.Stations ?? [])
            {
                await _out.WriteLineAsync(StatusLine.Summary(clock.Elapsed, station.Status)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Checks the chat's database and starts /user/chat, once this seed is Up in its cluster (or after 10 s). Not
    /// sooner: loading SQLite and the journal costs about a second of CPU on first use, and a seed restarted after a
    /// crash must first get back into the cluster its viewers still form, before they give it up (~2.5 s); with the
    /// chat starting beside it, the stream came back at the viewers after 3-5 s instead of 2. Participants ask again
    /// until the room answers.
    /// </summary>
    /// <exception cref="NodeStartException">The database cannot be used (the host is stopped first).</exception>
    private static async Task StartChatAsync(ActorSystem system, IHost host, ChatSettings chat, ILogger log, CancellationToken token)
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Akka.Cluster.Cluster.Get(system).RegisterOnMemberUp(() => up.TrySetResult());
        try
        {
            await up.Task.WaitAsync(TimeSpan.FromSeconds(10), token).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            log.LogWarning("The seed is not Up in its cluster after 10 s; starting the chat anyway");
        }

        try
        {
            await Task.Run(() => ChatDatabase.EnsureWritable(chat.DatabasePath), token).ConfigureAwait(false);
        }
        catch (ChatDatabaseException ex)
        {
            await NodeHost.StopAsync(host, log).ConfigureAwait(false);
            throw new NodeStartException($"{ex.Message} (set actorstream.chat.database, or actorstream.chat.enabled = off)", ex);
        }

        system.ActorOf(ChatRoom.SupervisedProps(chat.Room), ChatRoom.Name);
    }

    /// <summary>The seed's one host: a web host serving /metrics, or (HTTP off) a plain generic host.</summary>
    private static async Task<(IHost Host, MetricsHttpServer? Web)> StartHostAsync(HttpSettings http, WebConsoleSettings console,
        Action<IServiceCollection, ILoggingBuilder> addNode, ILogger log, CancellationToken token)
    {
        if (http.Enabled)
        {
            var web = await MetricsHttpServer.StartAsync(http,
                (services, ct) => services.GetRequiredService<ActorRegistry>().TryGet<MetricsActor>(out var metrics)
                    ? metrics.Ask<MetricsSnapshot>(GetMetricsSnapshot.Instance, SnapshotTimeout, ct)
                    : throw new TimeoutException("the metrics actor is not started yet"),
                SnapshotTimeout, log, builder =>
                {
                    addNode(builder.Services, builder.Logging);
                    if (console.Console)
                    {
                        WebConsole.AddServices(builder.Services, console, SnapshotTimeout);
                    }
                }, token,
                (services, ct) => services.GetRequiredService<ActorSystem>().ActorSelection($"/user/{StationsSupervisor.Name}")
                    .Ask<StationList>(ListStations.Instance, SnapshotTimeout, ct),
                console.Console ? app => WebConsole.Map(app) : null).ConfigureAwait(false);
            await NodeHost.EnsureStartedAsync(web.Host).ConfigureAwait(false);
            return (web.Host, web);
        }

        log.LogInformation("HTTP server off (actorstream.http.enabled)");
        return (await NodeHost.StartPlainAsync(addNode, token).ConfigureAwait(false), null);
    }

    /// <summary>One line per station on stdout, with its group: what viewers (and VLC) join.</summary>
    private async Task PrintStationsAsync(IActorRef stations, ILogger log, CancellationToken token)
    {
        try
        {
            var list = await stations.Ask<StationList>(ListStations.Instance, StartupListTimeout, token).ConfigureAwait(false);
            foreach (var info in list.Stations)
            {
                log.LogInformation("Station {Station}: {Source}, {Group}", info.Name, info.Source, info.Group ?? "unicast");
                await _out.WriteLineAsync(StatusLine.Startup(info)).ConfigureAwait(false);
            }

            await _out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            log.LogWarning("The stations did not answer within {Timeout}; see `actorstream station list`", StartupListTimeout);
        }
    }

    /// <summary>Checks every station's source and the encoders and filters they need, each once.</summary>
    private static async Task CheckToolsAsync(FfmpegInstallation ffmpeg, IReadOnlyList<StationSettings> stations, CancellationToken token)
    {
        var encoders = new HashSet<string>(StringComparer.Ordinal);
        var filters = new HashSet<string>(StringComparer.Ordinal);
        foreach (var station in stations)
        {
            if (station.Encoder.IsPassthrough)
            {
                if (!File.Exists(station.Encoder.PassthroughFile))
                {
                    throw new MediaSetupException($"Station {station.Name}: video source file not found: '{station.Encoder.PassthroughFile}'.");
                }

                continue;
            }

            if (CapturePreflight.FindProblem(station.Capture) is { } problem)
            {
                throw new MediaSetupException(stations.Count == 1 ? problem : $"Station {station.Name}: {problem}");
            }

            var settings = station.Encoder.Settings;
            encoders.Add(VideoCodecNames.EncoderName(settings.Codec));
            if (settings.Audio)
            {
                encoders.Add("aac");
            }

            if (settings.Overlay)
            {
                filters.Add("drawtext");
            }
        }

        if (encoders.Count > 0)
        {
            await ffmpeg.EnsureAvailableAsync(encoders.Order().ToList(), filters.Order().ToList(), token).ConfigureAwait(false);
        }
    }
}
