using System.Globalization;
using System.Net;
using System.Text.Json;
using ActorStream.EndToEnd.Tests.Support.Netns;
using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests.Support;

/// <summary>
/// The stations tests' LAN, shared so they pay for it once: three namespaces on a bridge, the seed in the first ("S"),
/// viewers in the other two ("A", "B"), and a seed in S running two stations of different picture sizes and patterns,
/// each on its own multicast group. Tests add and remove only stations of their own (named "z-..." so that the two
/// keep their numbers 1 and 2), start their own viewers and probes, and leave the two stations running.
/// </summary>
public sealed class StationLanFixture : IAsyncLifetime
{
    public const int SeedPort = 4053;
    public const int HttpPort = 8080;
    /// <summary>The seed's stations share the box's 2 cores with viewers, probes and other helpers' builds: small and slow.</summary>
    public const int Fps = 15;
    public const int BitrateKbps = 300;

    /// <summary>Station 1: the seed's own (today's flags: station main).</summary>
    public static readonly StationUnderTest First = new("main", "testsrc", (320, 240));
    /// <summary>Station 2: from the seed's HOCON, a different pattern and size.</summary>
    public static readonly StationUnderTest Second = new("two", "testsrc:smptebars", (480, 270));

    /// <summary>Cold dotnet start, ffmpeg start, first encoded frames, on a busy box.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan ControlTimeout = TimeSpan.FromSeconds(30);

    private readonly List<NodeProcess> _processes = [];
    private NamespaceLan? _lan;
    private NodeProcess? _seed;
    private DirectoryInfo? _directory;
    private int _nextViewerPort = 4100;

    public NamespaceLan Lan => _lan ?? throw new InvalidOperationException("the LAN was not made (not root?)");
    public LanHost SeedHost => Lan.Hosts[0];
    public LanHost HostA => Lan.Hosts[1];
    public LanHost HostB => Lan.Hosts[2];
    public NodeProcess Seed => _seed ?? throw new InvalidOperationException("the seed did not start");
    public string SeedArgument => $"{SeedHost.Address}:{SeedPort}";

    /// <summary>The groups the two stations were given (read from `station list --json`), by name.</summary>
    public IReadOnlyDictionary<string, IPEndPoint> Groups { get; private set; } = new Dictionary<string, IPEndPoint>();

    public async ValueTask InitializeAsync()
    {
        if (NetnsTools.SkipReason is not null)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        _lan = await NamespaceLan.CreateAsync(3, ct);
        // Station main from the seed's flags (its size, rate and bitrate are every station's defaults); station two from
        // HOCON, as a seed's configuration file gives it, with its own pattern and size. Groups come from the range.
        _directory = Directory.CreateTempSubdirectory("actorstream-e2e-stations-");
        var config = Path.Combine(_directory.FullName, "stations.conf");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $$"""
            actorstream.stations {
              {{Second.Name}} { source = "{{Second.Source}}", width = {{Second.Size.Width}}, height = {{Second.Size.Height}} }
            }

            """), ct);
        _seed = Start(SeedHost, "seed", "--config", config, "--host", SeedHost.Address.ToString(), "--port", Text(SeedPort),
            "--http", Text(HttpPort), "--source", First.Source, "--size", First.SizeText, "--fps", Text(Fps), "--bitrate", Text(BitrateKbps),
            "--audio", "none", "--duration", "900");
        await _seed.WaitForLineAsync(l => StatusLineFields.TryParse(l, Second.Name)?.Frames > 0, StartTimeout, "station two's first frames", ct);

        IReadOnlyList<StationRow> rows = [];
        await Eventually.Until(async () =>
        {
            rows = await ListStationsAsync(ct);
            return new[] { First, Second }.All(s => rows.Any(r => r.Name == s.Name && r.Group is not null && r.State == "running"));
        }, StartTimeout, "both stations running, each with a group", ct);
        Groups = rows.Where(r => r.Group is not null).ToDictionary(r => r.Name, r => r.Group!);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        if (_lan is not null)
        {
            await _lan.DisposeAsync();
        }

        _directory?.Delete(recursive: true);
    }

    /// <summary>A cluster port no earlier viewer of this LAN used: a viewer on a used HOST:PORT would be a new incarnation of
    /// an address the seed still remembers, which Akka.Remote keeps apart for a while (see ClusterFailureTests).</summary>
    public int NextViewerPort() => Interlocked.Increment(ref _nextViewerPort);

    /// <summary>`actorstream viewer` on <paramref name="host"/> watching <paramref name="station"/>, its picture sent to
    /// udp://127.0.0.1:<paramref name="outPort"/> on that host (null: measure only). The test disposes it (and the fixture
    /// would anyway).</summary>
    public NodeProcess StartViewer(LanHost host, string station, int? outPort, params string[] extra) =>
        Start(host, [
            "viewer", "--seed", SeedArgument, "--host", host.Address.ToString(), "--port", Text(NextViewerPort()), "--station", station,
            "--duration", "300", .. outPort is { } port ? new[] { "--out", $"udp://127.0.0.1:{Text(port)}" } : [], .. extra,
        ]);

    /// <summary>`actorstream ARGS --seed S:PORT`, run on the seed's host to its end (bounded).</summary>
    public async Task<(int Code, string Stdout, string Stderr)> ControlAsync(CancellationToken ct, params string[] arguments)
    {
        await using var client = NodeProcess.StartInNamespace(SeedHost.Namespace, new Dictionary<string, string>(),
            [.. arguments, "--seed", SeedArgument]);
        var code = await client.WaitForExitAsync(ControlTimeout, ct);
        return (code, client.Stdout, client.Stderr);
    }

    /// <summary>`station list --json`, parsed; fails the test when the command fails.</summary>
    public async Task<IReadOnlyList<StationRow>> ListStationsAsync(CancellationToken ct)
    {
        var (code, stdout, stderr) = await ControlAsync(ct, "station", "list", "--json");
        Assert.True(code == 0, $"station list --json exited {code}: {stdout}\n{stderr}");
        return StationRow.ParseList(stdout);
    }

    private NodeProcess Start(LanHost host, params string[] arguments)
    {
        var process = NodeProcess.StartInNamespace(host.Namespace, new Dictionary<string, string>(), arguments);
        _processes.Add(process);
        return process;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A station the tests run: its name, source and picture size.</summary>
public sealed record StationUnderTest(string Name, string Source, (int Width, int Height) Size)
{
    public string SizeText => $"{Size.Width}x{Size.Height}";
}

/// <summary>One station of `station list --json`.</summary>
public sealed record StationRow(string Name, IPEndPoint? Group, int Width, int Height, string State, int Restarts, int Viewers, long FramesEncoded)
{
    /// <summary>Reads the JSON of `station list --json`: an array of stations, or an object with one ("stations").</summary>
    public static IReadOnlyList<StationRow> ParseList(string stdout)
    {
        var start = stdout.IndexOfAny(['[', '{']);
        if (start < 0)
        {
            throw new FormatException($"no JSON in: {stdout}");
        }

        using var document = JsonDocument.Parse(stdout[start..]);
        var root = document.RootElement;
        var array = root.ValueKind == JsonValueKind.Array ? root : Property(root, "stations")
            ?? throw new FormatException($"no stations array in: {stdout}");
        return array.EnumerateArray().Select(Parse).ToList();
    }

    private static StationRow Parse(JsonElement s)
    {
        var properties = Property(s, "properties");
        var group = Property(s, "group") is { ValueKind: JsonValueKind.String } g ? IPEndPoint.Parse(g.GetString()!) : null;
        return new StationRow(
            Property(s, "name")?.GetString() ?? throw new FormatException($"a station without a name: {s}"),
            group,
            properties is { } p ? Property(p, "width")?.GetInt32() ?? 0 : 0,
            properties is { } q ? Property(q, "height")?.GetInt32() ?? 0 : 0,
            Property(s, "state")?.GetString() ?? "",
            Property(s, "restarts")?.GetInt32() ?? 0,
            Property(s, "viewers")?.GetInt32() ?? 0,
            Property(s, "framesEncoded")?.GetInt64() ?? 0);
    }

    /// <summary>A property by name, whatever its case (the JSON may be camelCase or PascalCase).</summary>
    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
            ? element.EnumerateObject().Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault()
            : null;
}
