using System.Diagnostics;
using System.Globalization;
using ActorStream.Messages.Metrics;
using ActorStream.Nodes.Cli;
using ActorStream.Nodes.Control;
using ActorStream.Nodes.Hosting;
using ActorStream.Nodes.Configuration;
using ActorStream.Nodes.Metrics;
using ActorStream.Nodes.Security;

namespace ActorStream.Nodes.Demo;

/// <summary>
/// `actorstream demo`: a seed with the test pattern and N viewer nodes, each a child process of this same executable
/// on free loopback ports; waits until every viewer's receiver reports frames to the seed's metrics actor, shows the
/// live table for the duration (or until Ctrl+C), prints <see cref="DemoSummary"/>, and stops every child it started.
/// </summary>
public sealed class DemoRunner
{
    /// <summary>A cold start on a busy 2-core box: dotnet startup, ffmpeg, cluster join, first reports.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long a node gets to leave the cluster and stop its ffmpeg after SIGTERM before it is killed.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

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

            var seedPort = FreePort.Tcp();
            var seed = Start(children, "seed", SeedArguments(seedPort));
            var metricsLine = await seed.WaitForLineAsync(l => l.StartsWith("metrics: ", StringComparison.Ordinal), StartTimeout, stop)
                .ConfigureAwait(false) ?? throw new DemoFailedException(seed.DeathReport());
            await Say($"demo: seed pid {seed.Pid} on 127.0.0.1:{seedPort}, 640x360 30 fps test pattern; Prometheus at {metricsLine["metrics: ".Length..]}").ConfigureAwait(false);

            var viewerPorts = new List<int>();
            for (var i = 1; i <= _settings.Viewers; i++)
            {
                var port = FreePort.Tcp();
                viewerPorts.Add(port);
                var viewer = Start(children, $"viewer {i}", ViewerArguments(seedPort, port));
                await Say($"demo: viewer {i} pid {viewer.Pid} on 127.0.0.1:{port}").ConfigureAwait(false);
            }

            await using var client = await ControlClient.StartAsync(_configFile,
                [new ConfigOverride("actorstream.remote.certificate", _certificatePath, "demo certificate")], new SeedEndPoint("127.0.0.1", seedPort), stop).ConfigureAwait(false);
            Task<MetricsSnapshot> Ask(CancellationToken ct) =>
                client.AskAsync<MetricsSnapshot>(MetricsCommand.MetricsPath, GetMetricsSnapshot.Instance, AskTimeout, ct);
            bool Ours(ViewerMetrics v) => viewerPorts.Any(p => IsNode(v, p));

            await WaitForViewersAsync(Ask, children, viewerPorts, stop).ConfigureAwait(false);
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
        IReadOnlyList<int> viewerPorts, CancellationToken stop)
    {
        var deadline = Stopwatch.StartNew();
        IReadOnlyList<int> missing = viewerPorts;
        while (true)
        {
            ThrowIfAnyDied(children);
            try
            {
                var snapshot = await ask(stop).ConfigureAwait(false);
                missing = viewerPorts.Where(p => !snapshot.Viewers.Any(v => IsNode(v, p) && v.Frames > 0)).ToList();
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
                var names = string.Join(", ", missing.Select(p => $"viewer {viewerPorts.ToList().IndexOf(p) + 1} (127.0.0.1:{p})"));
                var tails = string.Join('\n', missing.Select(p => children[viewerPorts.ToList().IndexOf(p) + 1].DeathReport()));
                throw new DemoFailedException(
                    $"{names} did not report received frames to the seed's metrics within {StartTimeout.TotalSeconds:0} s\n{tails}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), stop).ConfigureAwait(false);
        }
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

    private ChildNode Start(List<ChildNode> children, string name, IReadOnlyList<string> arguments)
    {
        // The HTTP server stays on loopback like everything else the demo starts.
        var child = ChildNode.Start(name, new Dictionary<string, string> { ["ACTORSTREAM_HTTP__BIND_ADDRESS"] = "127.0.0.1" }, [.. arguments]);
        children.Add(child);
        return child;
    }

    private List<string> SeedArguments(int port) =>
    [
        "seed", "--source", "testsrc", "--size", "640x360", "--fps", "30", "--audio", "none", "--host", "127.0.0.1",
        "--port", port.ToString(CultureInfo.InvariantCulture), "--http", "0", .. Common(),
    ];

    private List<string> ViewerArguments(int seedPort, int port) =>
    [
        "viewer", "--seed", $"127.0.0.1:{seedPort}", "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), .. Common(),
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
