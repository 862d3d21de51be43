using System.Globalization;
using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests.Support;

/// <summary>
/// A seed and viewer processes of one cluster on loopback: a free seed port picked at run time, a cluster
/// secret of its own passed as ACTORSTREAM_REMOTE__SECRET to every process (and to the control commands), and
/// every process it ever started killed by pid on dispose.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    /// <summary>First start of a node on a busy 2-core box: dotnet startup, ffmpeg, cluster join.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A control command (`nodes`, `dest ...`) is one short process.</summary>
    public static readonly TimeSpan ControlTimeout = TimeSpan.FromSeconds(30);

    private const string SecretVariable = "ACTORSTREAM_REMOTE__SECRET";

    private readonly List<NodeProcess> _started = [];
    private readonly Dictionary<int, NodeProcess> _viewers = [];
    private readonly double _durationSeconds;

    private LocalCluster(double durationSeconds)
    {
        _durationSeconds = durationSeconds;
        SeedPort = FreePorts.Tcp();
        Environment = new Dictionary<string, string>
        {
            [SecretVariable] = "e2e-" + Guid.NewGuid().ToString("N"),
        };
    }

    public int SeedPort { get; }

    public string SeedArgument => $"127.0.0.1:{SeedPort}";

    /// <summary>What every process of this cluster gets: its secret.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>The current seed process (a new one after <see cref="RestartSeedAsync"/>).</summary>
    public NodeProcess Seed { get; private set; } = null!;

    /// <summary>The viewers started with <see cref="StartViewerAsync"/>, by their cluster port (the latest process per port).</summary>
    public IReadOnlyDictionary<int, NodeProcess> Viewers => _viewers;

    /// <summary>Starts the seed (320x240, no audio) and waits for its first encoded frames, then starts
    /// <paramref name="viewers"/> viewers and waits until each receives.</summary>
    /// <param name="durationSeconds">Every node stops by itself after this, should the test host die first.</param>
    public static async Task<LocalCluster> StartAsync(int viewers, double durationSeconds, CancellationToken cancellationToken)
    {
        var cluster = new LocalCluster(durationSeconds);
        try
        {
            await cluster.StartSeedAsync(cancellationToken);
            for (var i = 0; i < viewers; i++)
            {
                cluster.StartViewer(FreePorts.Tcp());
            }

            foreach (var viewer in cluster.Viewers.Values)
            {
                await WaitForFramesAsync(viewer, 30, StartTimeout, "receives", cancellationToken);
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>`actorstream viewer --seed ... --port PORT`; with <paramref name="environment"/> instead of the cluster's own.</summary>
    public NodeProcess StartViewer(int port, IReadOnlyDictionary<string, string>? environment = null)
    {
        var viewer = Start(environment ?? Environment, ViewerArguments(port));
        if (environment is null)
        {
            _viewers[port] = viewer;
        }

        return viewer;
    }

    /// <summary>The same command line as the viewer on <paramref name="port"/> was started with.</summary>
    public string[] ViewerArguments(int port) =>
        ["viewer", "--seed", SeedArgument, "--port", port.ToString(CultureInfo.InvariantCulture), "--duration", Duration];

    /// <summary>kill -9 of the seed, then the same command again on the same port; waits for its first frames.</summary>
    public async Task RestartSeedAsync(CancellationToken cancellationToken)
    {
        await Seed.Kill9Async(cancellationToken);
        await StartSeedAsync(cancellationToken);
    }

    /// <summary>`actorstream ARGS --seed 127.0.0.1:PORT` with the cluster's secret, run to its end.</summary>
    public Task<(int Code, string Stdout, string Stderr)> ControlAsync(CancellationToken cancellationToken, params string[] arguments) =>
        NodeProcess.RunAsync(Environment, ControlTimeout, cancellationToken, [.. arguments, "--seed", SeedArgument]);

    /// <summary>`actorstream nodes`: the members as the seed sees them (fails the test if the command fails).</summary>
    public async Task<IReadOnlyList<ClusterMember>> NodesAsync(CancellationToken cancellationToken)
    {
        var (code, stdout, stderr) = await ControlAsync(cancellationToken, "nodes");
        Assert.True(code == 0, $"actorstream nodes exited {code}: {stderr}");
        Assert.Contains(" member(s), seen from ", stdout, StringComparison.Ordinal);
        return ClusterMember.ParseTable(stdout);
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
    }

    private string Duration => _durationSeconds.ToString(CultureInfo.InvariantCulture);

    private async Task StartSeedAsync(CancellationToken cancellationToken)
    {
        Seed = Start(Environment, "seed", "--size", "320x240", "--audio", "none", "--http", "0", "--port", SeedPort.ToString(CultureInfo.InvariantCulture),
            "--duration", Duration);
        await Seed.WaitForLineAsync(l => StatusLineFields.TryParse(l)?.Frames > 0, StartTimeout, "the seed's first frames", cancellationToken);
    }

    private NodeProcess Start(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var process = NodeProcess.Start(environment, arguments);
        _started.Add(process);
        return process;
    }
}
