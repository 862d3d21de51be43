using System.Diagnostics;
using System.Globalization;
using ActorStream.Nodes.Security;
using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests.Support;

/// <summary>
/// A seed and viewer processes of one cluster on loopback: a free seed port picked at run time, a cluster
/// certificate of its own passed with --cert to every process (and to the control commands), so the nodes talk
/// mutual TLS as a real cluster does, a seed data directory of its own (the seed's member list survives a restart
/// of the seed, but no other cluster sees it), and every process it ever started killed by pid on dispose.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    /// <summary>First start of a node on a busy 2-core box: dotnet startup, ffmpeg, cluster join.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A control command (`nodes`, `dest ...`) is one short process.</summary>
    public static readonly TimeSpan ControlTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long a starting cluster must go without trouble in any log to count as settled.</summary>
    private static readonly TimeSpan SettleQuiet = TimeSpan.FromSeconds(5);

    private readonly List<NodeProcess> _started = [];
    private readonly Dictionary<int, NodeProcess> _viewers = [];
    private readonly Dictionary<int, string> _viewerOutputs = [];
    private readonly double _durationSeconds;
    private readonly IReadOnlyList<string> _seedArguments;
    private readonly DirectoryInfo _directory;

    private LocalCluster(double durationSeconds, IReadOnlyDictionary<string, string>? environment = null,
        IReadOnlyList<string>? seedArguments = null)
    {
        _durationSeconds = durationSeconds;
        _seedArguments = seedArguments ?? DefaultSeedArguments;
        SeedPort = FreePorts.Tcp();
        _directory = Directory.CreateTempSubdirectory("actorstream-e2e-cluster-");
        CertificatePath = CreateCertificate(Path.Combine(_directory.FullName, "cluster.pfx"));
        var settings = new Dictionary<string, string>
        {
            [NodeProcess.DataDirectoryVariable] = Path.Combine(_directory.FullName, "seed-data"),
            // Groups are per port too: a cluster of its own port never receives another seed's group on this host
            // (a demo or a second test run sending to the default 239.255.0.1:5004 on loopback).
            ["ACTORSTREAM_MULTICAST__PORT"] = FreePorts.Udp().ToString(System.Globalization.CultureInfo.InvariantCulture),
            // These clusters test what the seed does per viewer (a destination each, removed with its node): viewers
            // ask for unicast. Multicast viewers are tested across network namespaces (StationsTests).
            ["ACTORSTREAM_VIEWER__UNICAST"] = "on",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        Environment = settings;
    }

    public int SeedPort { get; }

    public string SeedArgument => $"127.0.0.1:{SeedPort}";

    /// <summary>The cluster certificate every process of this cluster is started with (--cert).</summary>
    public string CertificatePath { get; }

    /// <summary>What every process of this cluster gets: the seed's data directory.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>The current seed process (a new one after <see cref="RestartSeedAsync"/>).</summary>
    public NodeProcess Seed { get; private set; } = null!;

    /// <summary>The viewers started with <see cref="StartViewer"/>, by their cluster port (the latest process per port).</summary>
    public IReadOnlyDictionary<int, NodeProcess> Viewers => _viewers;

    /// <summary>Starts the seed (320x240, no audio) and waits for its first encoded frames, then starts
    /// <paramref name="viewers"/> viewers one after another, each once the one before receives, and returns once the
    /// cluster has settled (<see cref="WaitUntilSettledAsync"/>).</summary>
    /// <param name="durationSeconds">Every node stops by itself after this, should the test host die first.</param>
    /// <param name="viewerOutputs">The --out of each viewer (default null: measure only).</param>
    /// <param name="environment">Settings every process of the cluster gets on top of the defaults (e.g.
    /// ACTORSTREAM_CHAT__RATE_LIMIT__BURST).</param>
    /// <param name="seedArguments">The seed's own flags instead of <see cref="DefaultSeedArguments"/> (e.g. a --config
    /// with stations and an HTTP port); the cluster port, duration and certificate are added to them.</param>
    public static async Task<LocalCluster> StartAsync(int viewers, double durationSeconds, CancellationToken cancellationToken,
        IReadOnlyList<string>? viewerOutputs = null, IReadOnlyDictionary<string, string>? environment = null,
        IReadOnlyList<string>? seedArguments = null)
    {
        var cluster = new LocalCluster(durationSeconds, environment, seedArguments);
        try
        {
            await cluster.StartSeedAsync(cancellationToken);
            // One at a time: several cold .NET processes starting at once on a 2-core box delay each other's TLS and
            // Akka handshakes past Akka's handshake timeout, which is not what these tests are about.
            for (var i = 0; i < viewers; i++)
            {
                var viewer = cluster.StartViewer(FreePorts.Tcp(), viewerOutputs?[i]);
                await WaitForFramesAsync(viewer, 30, StartTimeout, "receives", cancellationToken);
            }

            await cluster.WaitUntilSettledAsync(viewers, cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes a new cluster certificate (what `actorstream cert create` writes) to <paramref name="path"/>.</summary>
    public static string CreateCertificate(string path)
    {
        using var certificate = ClusterCertificate.Create("actorstream-e2e", TimeSpan.FromDays(2));
        ClusterCertificate.Write(certificate, path, "");
        return path;
    }

    /// <summary>`actorstream viewer --seed ... --port PORT --cert CLUSTER`, a member of this cluster.</summary>
    /// <param name="output">Its --out (null: the default, measure only); kept for <see cref="ViewerArguments"/>.</param>
    public NodeProcess StartViewer(int port, string? output = null)
    {
        if (output is null)
        {
            _viewerOutputs.Remove(port);
        }
        else
        {
            _viewerOutputs[port] = output;
        }

        var viewer = Start(ViewerArguments(port));
        _viewers[port] = viewer;
        return viewer;
    }

    /// <summary>
    /// A viewer of this seed that is not of this cluster: started with <paramref name="certificatePath"/> instead of
    /// the cluster's (null: no certificate, plain TCP). Not one of <see cref="Viewers"/>; disposed with the cluster.
    /// </summary>
    public NodeProcess StartOutsider(int port, string? certificatePath) =>
        StartWith(certificatePath, ViewerCommand(port));

    /// <summary>
    /// `actorstream ARGS --seed 127.0.0.1:PORT --cert CLUSTER` left running (a chat client, a `chat send -` fed on
    /// stdin); disposed with the cluster.
    /// </summary>
    public NodeProcess StartClient(params string[] arguments) =>
        StartWith(CertificatePath, [.. arguments, "--seed", SeedArgument]);

    /// <summary>The same command line as the viewer on <paramref name="port"/> was started with.</summary>
    public string[] ViewerArguments(int port) => [.. ViewerCommand(port), .. CertificateArguments(CertificatePath)];

    /// <summary>kill -9 of the seed, then the same command again on the same port; waits for its first frames.</summary>
    public async Task RestartSeedAsync(CancellationToken cancellationToken)
    {
        await Seed.Kill9Async(cancellationToken);
        await StartSeedAsync(cancellationToken);
    }

    /// <summary>
    /// The seed's flags unless a test gives its own: 320x240 without audio, HTTP on a free port, and no RTSP server:
    /// none of these tests reads it, and its fixed default port (8554) would collide with any other seed on the host.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultSeedArguments = ["--size", "320x240", "--audio", "none", "--http", "0", "--rtsp", "off"];

    /// <summary>
    /// `actorstream seed` on the seed port with this cluster's certificate and data directory; does not wait.
    /// </summary>
    public NodeProcess StartSeed()
    {
        Seed = Start(
        [
            "seed", .. _seedArguments, "--port", SeedPort.ToString(CultureInfo.InvariantCulture),
            "--duration", Duration, .. CertificateArguments(CertificatePath),
        ]);
        return Seed;
    }

    /// <summary>`actorstream ARGS --seed 127.0.0.1:PORT --cert CLUSTER`, run to its end.</summary>
    public Task<(int Code, string Stdout, string Stderr)> ControlAsync(CancellationToken cancellationToken, params string[] arguments) =>
        ControlWithAsync(CertificatePath, cancellationToken, arguments);

    /// <summary>`actorstream ARGS --seed 127.0.0.1:PORT` with <paramref name="certificatePath"/> (null: none), run to its end.</summary>
    public Task<(int Code, string Stdout, string Stderr)> ControlWithAsync(string? certificatePath, CancellationToken cancellationToken,
        params string[] arguments) =>
        NodeProcess.RunAsync(Environment, ControlTimeout, cancellationToken,
            [.. arguments, "--seed", SeedArgument, .. CertificateArguments(certificatePath)]);

    /// <summary>`actorstream nodes`: the members as the seed sees them (fails the test if the command fails).</summary>
    public async Task<IReadOnlyList<ClusterMember>> NodesAsync(CancellationToken cancellationToken)
    {
        var (code, stdout, stderr) = await ControlAsync(cancellationToken, "nodes");
        Assert.True(code == 0, $"actorstream nodes exited {code}: {stderr}");
        Assert.Contains(" member(s), seen from ", stdout, StringComparison.Ordinal);
        var members = ClusterMember.ParseTable(stdout);
        // Every row the command printed must parse: a row the pattern missed would read as a member gone.
        Assert.True(members.Count == stdout.Split('\n').Count(l => l.StartsWith("akka", StringComparison.Ordinal)), stdout);
        return members;
    }

    /// <summary>`actorstream dest list`: its whole output (fails the test if the command fails).</summary>
    public async Task<string> DestinationListAsync(CancellationToken cancellationToken)
    {
        var (code, stdout, stderr) = await ControlAsync(cancellationToken, "dest", "list");
        Assert.True(code == 0, $"actorstream dest list exited {code}: {stderr}");
        Assert.Contains(" destination(s)", stdout, StringComparison.Ordinal);
        return stdout;
    }

    /// <summary>The name prefix of the destination the seed feeds the viewer on <paramref name="port"/> through.</summary>
    public static string ViewerDestinationPrefix(int port) => $"viewer-127.0.0.1-{port}-";

    /// <summary>The Akka address of this cluster's node on <paramref name="port"/> (mutual TLS: akka.ssl.tcp).</summary>
    public static string AddressOf(int port) => $"akka.ssl.tcp://actorstream@127.0.0.1:{port}";

    /// <summary>Waits for a status line of <paramref name="viewer"/> with more than <paramref name="frames"/> frames.</summary>
    public static async Task<ViewerStatusFields> WaitForFramesAsync(NodeProcess viewer, long frames, TimeSpan timeout, string what,
        CancellationToken cancellationToken)
    {
        var line = await viewer.WaitForLineAsync(l => ViewerStatusFields.TryParse(l) is { Subscribed: true } s && s.Frames > frames,
            timeout, $"viewer {viewer.Pid} {what}: more than {frames} frames", cancellationToken);
        return ViewerStatusFields.TryParse(line)!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _started)
        {
            await process.DisposeAsync();
        }

        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A killed seed's last write racing the delete: the temporary directory is the system's to clear.
        }
    }

    private string Duration => _durationSeconds.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Returns once the cluster has been quiet for <see cref="SettleQuiet"/>: no process of it logged a member unreachable
    /// or its own downing, every viewer's latest status line counts every member, and `nodes` shows all Up and reachable.
    /// </summary>
    /// <remarks>
    /// Nodes that just joined open TLS associations to one another; on a busy 2-core box one can take longer than Akka's
    /// handshake timeout (akka.remote.dot-netty.tcp.connection-timeout, 2 s), and the pair that cannot talk is then marked
    /// unreachable and downed (the viewers start again and rejoin). That shows in a log within ~5 s of the last join.
    /// The tests are about what happens to a settled cluster, so they start from one.
    /// </remarks>
    private async Task WaitUntilSettledAsync(int viewers, CancellationToken cancellationToken)
    {
        static bool Trouble(string line) =>
            line.Contains("Marking node(s) as UNREACHABLE", StringComparison.Ordinal) || line.Contains("the cluster downed it", StringComparison.Ordinal);
        var deadline = Stopwatch.GetTimestamp() + (long)(StartTimeout.TotalSeconds * Stopwatch.Frequency);
        var quietSince = Stopwatch.GetTimestamp();
        while (true)
        {
            foreach (var process in _started.Where(p => !p.HasExited))
            {
                quietSince = Math.Max(quietSince, process.LastStderrAt(Trouble) ?? 0);
            }

            if (Stopwatch.GetElapsedTime(quietSince) >= SettleQuiet
                && Viewers.Values.All(v => ViewerStatusFields.Latest(v) is { Subscribed: true } s && s.Members == 1 + viewers))
            {
                var members = await NodesAsync(cancellationToken);
                if (members.Count == 1 + viewers && members.All(m => m is { State: "Up", Reachable: true }))
                {
                    return;
                }

                quietSince = Stopwatch.GetTimestamp();
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"the cluster did not settle within {StartTimeout.TotalSeconds} s (a member kept being marked unreachable); " +
                    $"seed log: {Seed.Stderr[^Math.Min(Seed.Stderr.Length, 3000)..]}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static string[] CertificateArguments(string? certificatePath) => certificatePath is null ? [] : ["--cert", certificatePath];

    private string[] ViewerCommand(int port) =>
    [
        "viewer", "--seed", SeedArgument, "--port", port.ToString(CultureInfo.InvariantCulture), "--duration", Duration,
        .. _viewerOutputs.TryGetValue(port, out var output) ? new[] { "--out", output } : [],
    ];

    private async Task StartSeedAsync(CancellationToken cancellationToken)
    {
        StartSeed();
        await Seed.WaitForLineAsync(l => StatusLineFields.TryParse(l)?.Frames > 0, StartTimeout, "the seed's first frames", cancellationToken);
    }

    private NodeProcess Start(params string[] arguments)
    {
        var process = NodeProcess.Start(Environment, arguments);
        _started.Add(process);
        return process;
    }

    private NodeProcess StartWith(string? certificatePath, string[] arguments) =>
        Start([.. arguments, .. CertificateArguments(certificatePath)]);
}
