using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using ActorStream.Actors.Stations;
using ActorStream.Media.Multicast;
using ActorStream.Messages.Chat;
using ActorStream.Messages.Metrics;
using ActorStream.Messages.Stations;
using ActorStream.Nodes.Cli;
using ActorStream.Nodes.Control;
using ActorStream.Nodes.Hosting;
using ActorStream.Nodes.Configuration;
using ActorStream.Nodes.Metrics;
using ActorStream.Nodes.Security;
using ActorStream.Nodes.Web.Console;

namespace ActorStream.Nodes.Demo;

/// <summary>
/// `actorstream demo`: a seed with two stations (<see cref="DemoStation"/>: two test patterns of different sizes) and N
/// viewer nodes spread over them, each a child process of this same executable on free loopback ports. The stations
/// stream to multicast groups on 127.0.0.1, or unicast when loopback multicast does not work here (it says so). It waits
/// until every viewer's receiver reports frames of its station to the seed's metrics actor, shows the live table for
/// the duration (or until Ctrl+C), prints <see cref="DemoSummary"/>, and stops every child it started.
/// </summary>
public sealed class DemoRunner
{
    /// <summary>A cold start on a busy 2-core box: dotnet startup, ffmpeg, cluster join, first reports.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long a node gets to leave the cluster and stop its ffmpeg after SIGTERM before it is killed.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    private const string StationsPath = "/user/" + StationsSupervisor.Name;

    /// <summary>actorstream.web.users.admin.password-hash, as the seed reads it from its environment.</summary>
    private const string AdminHashVariable = "ACTORSTREAM_WEB__USERS__ADMIN__PASSWORD_HASH";

    /// <summary>The group the loopback multicast check sends to: the last of the organisation-local scope, far from
    /// the groups stations take from its start.</summary>
    private static readonly IPAddress ProbeGroup = IPAddress.Parse("239.255.255.1");

    private readonly DemoSettings _settings;
    private readonly FileInfo? _configFile;
    private readonly TextWriter _out;
    private string? _certificatePath;

    public DemoRunner(DemoSettings settings, FileInfo? configFile, TextWriter output)
    {
        _settings = settings;
        _configFile = configFile;
        _out = output;
    }

    /// <summary>Runs the demo; returns when it has stopped everything.</summary>
    /// <exception cref="DemoFailedException">A node died early, or the viewers never received.</exception>
    /// <exception cref="ControlException">The seed stopped answering.</exception>
    public async Task RunAsync(CancellationToken stop)
    {
        var children = new List<ChildNode>();
        // The demo's nodes prove membership as a real cluster's do: with a certificate, made for this run alone.
        var certificateDirectory = Directory.CreateTempSubdirectory("actorstream-demo-");
        try
        {
            _certificatePath = Path.Combine(certificateDirectory.FullName, "cluster.pfx");
            using (var certificate = ClusterCertificate.Create("actorstream-demo", TimeSpan.FromDays(30)))
            {
                ClusterCertificate.Write(certificate, _certificatePath, "");
            }

            // Multicast needs lo to loop a group's datagrams back; some kernels and sandboxes do not, and then every
            // station streams unicast (as a seed on a network without multicast does).
            var multicastProblem = await LoopbackMulticastCheck.ProblemAsync(ProbeGroup, AskTimeout, stop).ConfigureAwait(false);
            var unicast = multicastProblem is not null;
            if (unicast)
            {
                await Say($"demo: multicast does not work on loopback here ({multicastProblem}): streaming unicast").ConfigureAwait(false);
            }

            var seedPort = FreePort.Tcp();
            var main = DemoStation.All[0];
            // The console's admin for this run: a fresh password, printed once; the seed gets only its hash.
            var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
            var hash = await Task.Run(() => PasswordHash.Create(password), stop).ConfigureAwait(false);
            var seed = Start(children, "seed", SeedArguments(seedPort, main, unicast),
                new Dictionary<string, string> { [AdminHashVariable] = hash.ToString() });
            var metricsLine = await seed.WaitForLineAsync(l => l.StartsWith("metrics: ", StringComparison.Ordinal), StartTimeout, stop)
                .ConfigureAwait(false) ?? throw new DemoFailedException(seed.DeathReport());
            var metricsUrl = metricsLine["metrics: ".Length..];
            await Say($"demo: seed pid {seed.Pid} on 127.0.0.1:{seedPort}; Prometheus at {metricsUrl}").ConfigureAwait(false);
            // The seed prints its console's line before its chat line, or none when the console is off.
            var consoleLine = await seed.WaitForLineAsync(l => l.StartsWith("console: http", StringComparison.Ordinal)
                || l.StartsWith("chat:", StringComparison.Ordinal), StartTimeout, stop).ConfigureAwait(false);
            if (consoleLine?.StartsWith("console: http", StringComparison.Ordinal) == true)
            {
                var consoleUrl = consoleLine["console: ".Length..];
                await Say($"demo: web console: {consoleUrl}   (log in as admin, password {password}, to add stations and destinations)").ConfigureAwait(false);
                if (_settings.OpenConsole && DesktopBrowser.TryOpen(consoleUrl))
                {
                    await Say("demo: opened the web console in the desktop's browser").ConfigureAwait(false);
                }
            }

            await using var client = await ControlClient.StartAsync(_configFile,
                [new ConfigOverride("actorstream.remote.certificate", _certificatePath, "demo certificate")], new SeedEndPoint("127.0.0.1", seedPort), stop).ConfigureAwait(false);
            var stations = await AddStationsAsync(client, unicast, stop).ConfigureAwait(false);
            foreach (var station in stations)
            {
                await Say($"demo: station {station.Name}: {station.Source} {station.Properties.Width}x{station.Properties.Height}, " +
                    (station.Group is null ? "unicast" : $"multicast group {station.Group}")).ConfigureAwait(false);
            }

            if (!unicast)
            {
                await Say("demo: the stations stream to their multicast groups on 127.0.0.1; each viewer joins its station's group").ConfigureAwait(false);
            }

            foreach (var line in DemoWatchHints.Lines(stations.Select(s => (s.Name, s.Group, s.Rtsp)), DemoWatchHints.HttpBase(metricsUrl)))
            {
                await Say(line).ConfigureAwait(false);
            }

            // The seed's chat: an announcement every viewer prints (the demo's control client is the host) and how to join.
            var welcome = await client.AskAsync<object>(ChatTopics.RoomPath,
                new MakeAnnouncement("Welcome to the ActorStream demo: every viewer shows this chat", "demo"), AskTimeout, stop).ConfigureAwait(false);
            if (welcome is ChatEventRecorded announced)
            {
                await Say($"demo: announced #{announced.Event.Sequence} to every viewer; chat along: actorstream chat --seed 127.0.0.1:{seedPort} " +
                    $"--cert {_certificatePath} --name you").ConfigureAwait(false);
            }

            var viewers = new List<(int Port, string Station)>();
            for (var i = 1; i <= _settings.Viewers; i++)
            {
                var port = FreePort.Tcp();
                var station = DemoStation.ForViewer(i).Name;
                viewers.Add((port, station));
                var viewer = Start(children, $"viewer {i}", ViewerArguments(seedPort, port, station, unicast));
                await Say($"demo: viewer {i} pid {viewer.Pid} on 127.0.0.1:{port} watches station {station}").ConfigureAwait(false);
            }

            Task<MetricsSnapshot> Ask(CancellationToken ct) =>
                client.AskAsync<MetricsSnapshot>(MetricsCommand.MetricsPath, GetMetricsSnapshot.Instance, AskTimeout, ct);
            var viewerPorts = viewers.Select(v => v.Port).ToList();
            bool Ours(ViewerMetrics v) => viewerPorts.Any(p => IsNode(v, p));

            await WaitForViewersAsync(Ask, children, viewers, stop).ConfigureAwait(false);
            await Say(_settings.Duration > TimeSpan.Zero
                ? $"demo: every viewer receives; showing the metrics for {_settings.Duration.TotalSeconds:0.#} s"
                : "demo: every viewer receives; showing the metrics until Ctrl+C").ConfigureAwait(false);

            var shown = Stopwatch.StartNew();
            var last = await ShowAsync(Ask, children, stop).ConfigureAwait(false);
            var elapsed = shown.Elapsed;
            try
            {
                using var bounded = new CancellationTokenSource(AskTimeout);
                last = await Ask(bounded.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ControlException or OperationCanceledException)
            {
                // The seed is stopping (Ctrl+C reached it too): the last snapshot shown is the summary's.
            }

            if (last is not null)
            {
                foreach (var line in DemoSummary.Lines(last, elapsed, Ours))
                {
                    await Say(line).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            await StopAllAsync(children).ConfigureAwait(false);
            certificateDirectory.Delete(recursive: true);
        }
    }

    private async Task WaitForViewersAsync(Func<CancellationToken, Task<MetricsSnapshot>> ask, List<ChildNode> children,
        IReadOnlyList<(int Port, string Station)> viewers, CancellationToken stop)
    {
        var deadline = Stopwatch.StartNew();
        var missing = viewers.Select((v, i) => i).ToList();
        while (true)
        {
            ThrowIfAnyDied(children);
            try
            {
                var snapshot = await ask(stop).ConfigureAwait(false);
                // Each viewer on its own station: a report of frames from that node on that station.
                missing = missing.Where(i => !snapshot.Viewers.Any(v =>
                    IsNode(v, viewers[i].Port) && v.Station == viewers[i].Station && v.Frames > 0)).ToList();
                if (missing.Count == 0)
                {
                    return;
                }
            }
            catch (ControlException)
            {
                // The seed may be busy starting; the deadline decides.
            }

            if (deadline.Elapsed > StartTimeout)
            {
                var names = string.Join(", ", missing.Select(i => $"viewer {i + 1} (127.0.0.1:{viewers[i].Port}, station {viewers[i].Station})"));
                // children[0] is the seed; viewer i is children[i + 1].
                var tails = string.Join('\n', missing.Select(i => children[i + 1].DeathReport()));
                throw new DemoFailedException(
                    $"{names} did not report received frames to the seed's metrics within {StartTimeout.TotalSeconds:0} s\n{tails}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), stop).ConfigureAwait(false);
        }
    }

    /// <summary>Every station after main, added by message as `actorstream station add` does; then all of them as the
    /// seed lists them (with their groups).</summary>
    /// <exception cref="DemoFailedException">The seed refused one.</exception>
    private static async Task<IReadOnlyList<StationInfo>> AddStationsAsync(ControlClient client, bool unicast, CancellationToken stop)
    {
        foreach (var station in DemoStation.All.Skip(1))
        {
            var answer = await client.AskAsync<object>(StationsPath, new AddStation(station.Spec(unicast)), StartTimeout, stop).ConfigureAwait(false);
            if (answer is StationRejected rejected)
            {
                throw new DemoFailedException($"the seed refused station {station}: {rejected.Reason}");
            }
        }

        var list = await client.AskAsync<StationList>(StationsPath, ListStations.Instance, AskTimeout, stop).ConfigureAwait(false);
        var missing = DemoStation.All.Where(d => list.Stations.All(s => s.Name != d.Name)).ToList();
        if (missing.Count > 0)
        {
            throw new DemoFailedException($"the seed does not list station(s) {string.Join(", ", missing)}");
        }

        return list.Stations;
    }

    /// <summary>The live table until the duration passes, Ctrl+C, or a child dies (which is a failure).</summary>
    private async Task<MetricsSnapshot?> ShowAsync(Func<CancellationToken, Task<MetricsSnapshot>> ask, List<ChildNode> children,
        CancellationToken stop)
    {
        using var showing = CancellationTokenSource.CreateLinkedTokenSource(stop);
        if (_settings.Duration > TimeSpan.Zero)
        {
            showing.CancelAfter(_settings.Duration);
        }

        var anyDied = Task.WhenAny(children.Select(c => (Task)c.Exited));
        var watch = new MetricsWatch(ask, MetricsCommand.ChooseMode(false, _out), TimeSpan.FromSeconds(1), null);
        var watching = watch.RunAsync(_out, showing.Token);
        if (await Task.WhenAny(watching, anyDied).ConfigureAwait(false) == anyDied)
        {
            await showing.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await watching.ConfigureAwait(false);
        }
        catch (ControlException) when (children.Any(c => c.HasExited) && !stop.IsCancellationRequested)
        {
            // The seed died: the report below says so better than "no answer".
        }

        // On Ctrl+C the terminal sends SIGINT to the children as well: their exit is then no failure.
        if (!stop.IsCancellationRequested)
        {
            ThrowIfAnyDied(children);
        }

        return watch.Last;
    }

    private static void ThrowIfAnyDied(IEnumerable<ChildNode> children)
    {
        if (children.FirstOrDefault(c => c.HasExited) is { } dead)
        {
            throw new DemoFailedException(dead.DeathReport());
        }
    }

    private async Task StopAllAsync(List<ChildNode> children)
    {
        // Viewers first, so they leave a cluster whose seed is still there; then the seed, even when a viewer could
        // not be stopped (its kill threw): the seed and its ffmpeg must not be left running because of it.
        try
        {
            await Task.WhenAll(children.Where(c => c.Name != "seed").Select(c => c.DisposeAsync().AsTask())).ConfigureAwait(false);
        }
        finally
        {
            await Task.WhenAll(children.Where(c => c.Name == "seed").Select(c => c.DisposeAsync().AsTask())).ConfigureAwait(false);
        }

        if (children.Count > 0)
        {
            await Say($"demo: stopped {string.Join(", ", children.Select(c => $"{c.Name} (pid {c.Pid})"))}").ConfigureAwait(false);
        }
    }

    private ChildNode Start(List<ChildNode> children, string name, IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        // The HTTP server stays on loopback like everything else the demo starts.
        var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["ACTORSTREAM_HTTP__BIND_ADDRESS"] = "127.0.0.1" };
        var child = ChildNode.Start(name, variables, [.. arguments]);
        children.Add(child);
        return child;
    }

    private List<string> SeedArguments(int port, DemoStation main, bool unicast) =>
    [
        "seed", "--source", main.Source, "--size", main.Size, "--fps", DemoStation.Fps.ToString(CultureInfo.InvariantCulture),
        "--audio", "none", "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--http", "0",
        "--rtsp", "0", .. unicast ? new[] { "--unicast" } : [], .. Common(),
    ];

    private List<string> ViewerArguments(int seedPort, int port, string station, bool unicast) =>
    [
        "viewer", "--seed", $"127.0.0.1:{seedPort}", "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture),
        "--station", station, .. unicast ? new[] { "--unicast" } : [], .. Common(),
    ];

    /// <summary>The user's --config, the demo's cluster certificate, and a safety stop: should this process be killed
    /// outright, its children end by themselves a while after the demo would have.</summary>
    private List<string> Common()
    {
        var list = new List<string>();
        if (_certificatePath is not null)
        {
            list.AddRange(["--cert", _certificatePath]);
        }

        if (_configFile is not null)
        {
            list.AddRange(["--config", _configFile.FullName]);
        }

        if (_settings.Duration > TimeSpan.Zero)
        {
            var limit = _settings.Duration + StartTimeout + TimeSpan.FromSeconds(60);
            list.AddRange(["--duration", limit.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)]);
        }

        return list;
    }

    private static bool IsNode(ViewerMetrics viewer, int port) =>
        MetricsTables.ShortNode(viewer.NodeAddress) == $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";

    private async Task Say(string line)
    {
        await _out.WriteLineAsync(line).ConfigureAwait(false);
        await _out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }
}
