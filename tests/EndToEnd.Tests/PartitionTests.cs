using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ActorStream.EndToEnd.Tests.Support;
using ActorStream.EndToEnd.Tests.Support.Netns;
using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests;

/// <summary>
/// A network partition between real processes on four "machines" (network namespaces on one bridge): the seed and
/// viewer 1 on one side, viewers 2 and 3 on the other, split by nftables drop rules. Split Brain Resolver
/// (keep-oldest, role camera) must leave one cluster that keeps the camera, down the other side (whose viewer nodes
/// start a new actor system and keep trying to join), and once the partition heals, take the other side's new
/// incarnations back as members that receive the stream again.
/// </summary>
public sealed partial class PartitionTests
{
    private const int SeedPort = 4053;
    /// <summary>First start on a busy 2-core box: dotnet startup, ffmpeg, cluster join.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    /// <summary>Detection (~1.2 s) + SBR stable-after (1.5 s) + removal, with room for a loaded box.</summary>
    private static readonly TimeSpan SplitTimeout = TimeSpan.FromSeconds(15);
    /// <summary>A join retried every second (retry-unsuccessful-join-after), subscribing, the first frames.</summary>
    private static readonly TimeSpan HealTimeout = TimeSpan.FromSeconds(30);
    /// <summary>A downed viewer node's next actor system: the old one's shutdown, then the host's restart.</summary>
    private static readonly TimeSpan RestartTimeout = TimeSpan.FromSeconds(20);
    /// <summary>One `actorstream nodes` or `metrics` run.</summary>
    private static readonly TimeSpan ControlTimeout = TimeSpan.FromSeconds(20);
    /// <summary>Every node stops by itself after this, should the test host die before it kills them.</summary>
    private const string NodeDuration = "300";
    /// <summary>One second of the seed's 15 fps.</summary>
    private const long OneSecondOfFrames = 15;

    [Fact]
    public async Task A_partition_leaves_one_cluster_with_the_camera_and_the_other_side_rejoins_and_receives_when_it_heals()
    {
        Assert.SkipWhen(NetnsTools.SkipReason is not null, NetnsTools.SkipReason ?? "");
        var ct = TestContext.Current.CancellationToken;
        // Declared first so it is deleted last: a namespace goes only once the processes in it have exited.
        await using var lan = await NamespaceLan.CreateAsync(4, ct);
        var data = Directory.CreateTempSubdirectory("actorstream-partition-");
        var nodes = new List<(string Name, NodeProcess Process)>();
        try
        {
            await RunAsync(lan, data.FullName, nodes, ct);
        }
        catch (Exception) when (SaveLogs(nodes))
        {
            throw; // not reached: SaveLogs returns false, so the exception goes on unchanged
        }
        finally
        {
            foreach (var (_, process) in nodes)
            {
                await process.DisposeAsync();
            }

            data.Delete(recursive: true);
        }
    }

    private static async Task RunAsync(NamespaceLan lan, string dataDirectory, List<(string Name, NodeProcess Process)> nodes, CancellationToken ct)
    {
        var output = TestContext.Current.TestOutputHelper;
        var seedHost = lan.Hosts[0];
        var viewerHosts = lan.Hosts.Skip(1).ToList();
        var seedArgument = $"{seedHost.Address}:{SeedPort}";
        var seed = NodeProcess.StartInNamespace(seedHost.Namespace, NodeEnvironment(("ACTORSTREAM_SEED__DATA_DIRECTORY", dataDirectory)),
            "seed", "--host", seedHost.Address.ToString(), "--port", SeedPort.ToString(CultureInfo.InvariantCulture), "--http", "off",
            "--size", "320x240", "--fps", "15", "--audio", "none", "--duration", NodeDuration);
        nodes.Add(("seed", seed));
        await seed.WaitForLineAsync(l => StatusLineFields.TryParse(l)?.Frames > 0, StartTimeout, "the seed's first frames", ct);

        var viewers = viewerHosts.Select((host, i) =>
        {
            var viewer = NodeProcess.StartInNamespace(host.Namespace, NodeEnvironment(),
                "viewer", "--seed", seedArgument, "--host", host.Address.ToString(), "--duration", NodeDuration);
            nodes.Add(($"viewer{i + 1}", viewer));
            return viewer;
        }).ToList();
        var (viewer1, viewer2, viewer3) = (viewers[0], viewers[1], viewers[2]);
        foreach (var viewer in viewers)
        {
            await WaitForFramesAsync(viewer, 0, OneSecondOfFrames, StartTimeout, "its first second of frames", ct);
        }

        var before = await WaitForMembersAsync(seedHost, rows =>
                rows.Count == 4 && rows.All(r => r.IsUpAndReachable) && lan.Hosts.All(h => rows.Any(r => r.Host == h.Address.ToString())),
            StartTimeout, "4 members Up and reachable, one per host", ct);
        var firstIncarnation = viewers.Select(v => Incarnations(v).Last()).ToList();
        Assert.Equal(firstIncarnation.Order(), before.Where(r => r.Roles == "viewer").Select(r => r.Address).Order());
        Assert.Equal(seedHost.Address.ToString(), Assert.Single(before, r => r.Roles == "camera").Host);

        // Split: {seed, viewer1} | {viewer2, viewer3}.
        var split = Stopwatch.StartNew();
        await using var partition = await NetworkPartition.CreateAsync([seedHost, viewerHosts[0]], [viewerHosts[1], viewerHosts[2]], ct);
        var otherSide = new[] { viewerHosts[1], viewerHosts[2] }.Select(h => h.Address.ToString()).ToHashSet();

        // The camera's side: the seed and viewer 1 (the same incarnation) Up; the other two downed and gone.
        var afterSplit = await WaitForMembersAsync(seedHost, rows =>
                rows.Count(r => r.IsUpAndReachable) == 2
                && rows.Any(r => r.Host == seedHost.Address.ToString() && r.Roles == "camera" && r.IsUpAndReachable)
                && rows.Any(r => r.Address == firstIncarnation[0] && r.IsUpAndReachable)
                && rows.Where(r => otherSide.Contains(r.Host)).All(r => r.State is "Down" or "Removed"),
            SplitTimeout, "the seed's side: seed and viewer 1 Up, viewers 2 and 3 downed or removed", ct);
        var sideResolved = split.Elapsed;

        // The other side downed itself: both viewer nodes say so, and start a new actor system (a new address),
        // which may take a few seconds more on a loaded box (the old one's shutdown, then the host's restart).
        foreach (var viewer in new[] { viewer2, viewer3 })
        {
            await Eventually.Until(() => viewer.Stderr.Contains(DownedMessage, StringComparison.Ordinal),
                SplitTimeout - split.Elapsed + TimeSpan.FromSeconds(1), $"viewer {viewer.Pid} says it was downed", ct);
        }

        var otherSideDowned = split.Elapsed;
        Assert.True(otherSideDowned <= SplitTimeout, $"the other side was downed only {otherSideDowned.TotalSeconds:0.0} s after the split");
        foreach (var viewer in new[] { viewer2, viewer3 })
        {
            await Eventually.Until(() => Incarnations(viewer).Count >= 2 || viewer.HasExited, RestartTimeout,
                $"viewer {viewer.Pid} starts a new actor system", ct);
            Assert.False(viewer.HasExited, $"viewer {viewer.Pid} exited instead of starting again: {viewer.Stderr}");
        }

        // Viewer 1 keeps receiving on the camera's side, well past the split being resolved.
        await WaitForFramesAsync(viewer1, viewer1.StdoutLines.Count, 3 * OneSecondOfFrames, TimeSpan.FromSeconds(10),
            "keeps receiving after the split", ct);
        var dropped = await partition.DroppedAsync(ct);
        Assert.All(dropped, d => Assert.True(d.Value > 0, $"the partition rule on {d.Key} dropped nothing"));

        // The downed members are removed, and the new incarnations, trying to join all the while, stay out.
        await WaitForMembersAsync(seedHost, rows => rows.Count == 2 && rows.All(r => r.IsUpAndReachable),
            TimeSpan.FromSeconds(10), "viewers 2 and 3 removed: 2 members left", ct);
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        var stillOut = await NodesAsync(seedHost, ct);
        Assert.True(stillOut.Rows is { Count: 2 } rows && rows.All(r => r.IsUpAndReachable), stillOut.Output);
        Assert.False(seed.HasExited, $"the seed exited: {seed.Stderr}");
        Assert.All(viewers, v => Assert.False(v.HasExited, $"viewer {v.Pid} exited: {v.Stderr}"));

        // Heal: viewers 2 and 3 come back as members (new incarnations) and receive again.
        var linesAtHeal = viewers.Select(v => v.StdoutLines.Count).ToList();
        var heal = Stopwatch.StartNew();
        await partition.HealAsync();
        var healed = await WaitForMembersAsync(seedHost, rows =>
                rows.Count(r => r.IsUpAndReachable) == 4
                && new[] { viewer2, viewer3 }.All(v => Incarnations(v).Last() is var latest
                    && rows.Any(r => r.Address == latest && r.IsUpAndReachable))
                && rows.Any(r => r.Address == firstIncarnation[0] && r.IsUpAndReachable),
            HealTimeout, "4 members Up again, viewers 2 and 3 as their new incarnations", ct);
        var rejoined = heal.Elapsed;
        // (Incarnations counted two or more actor systems of each; a new port is likely but not needed: the UID differs.)
        var newIncarnation = new[] { viewer2, viewer3 }.Select(v => Incarnations(v).Last()).ToList();

        foreach (var (viewer, index) in new[] { (viewer2, 1), (viewer3, 2) })
        {
            await WaitForFramesAsync(viewer, linesAtHeal[index], OneSecondOfFrames, HealTimeout - heal.Elapsed + TimeSpan.FromSeconds(1),
                "receives again after the heal", ct);
        }

        var receivingAgain = heal.Elapsed;
        Assert.True(receivingAgain <= HealTimeout, $"viewers 2 and 3 received again only {receivingAgain.TotalSeconds:0.0} s after the heal");

        // The seed's metrics actor agrees: the new incarnations report frames.
        JsonElement[] reported = [];
        await Eventually.Until(async () =>
        {
            var snapshot = await MetricsJsonAsync(seedHost, ct);
            reported = snapshot?.GetProperty("viewers").EnumerateArray()
                .Where(v => newIncarnation.Contains(v.GetProperty("nodeAddress").GetString() ?? ""))
                .Where(v => v.GetProperty("subscribed").GetBoolean() && !v.GetProperty("stale").GetBoolean() && v.GetProperty("frames").GetInt64() > 0)
                .ToArray() ?? [];
            return reported.Length == 2;
        }, TimeSpan.FromSeconds(15), "`actorstream metrics` shows frames at viewers 2 and 3's new incarnations", ct);
        Assert.All(viewers, v => Assert.False(v.HasExited, $"viewer {v.Pid} exited: {v.Stderr}"));

        output?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"split -> seed side resolved {sideResolved.TotalMilliseconds:0} ms, other side downed {otherSideDowned.TotalMilliseconds:0} ms; " +
            $"heal -> rejoined (Up) {rejoined.TotalMilliseconds:0} ms, receiving {receivingAgain.TotalMilliseconds:0} ms; " +
            $"dropped {string.Join(", ", dropped.Values)}; members after split: {string.Join("; ", afterSplit)}; after heal: {string.Join("; ", healed)}"));
    }

    /// <summary>What a viewer node logs when the cluster downed it and it starts again (src/Nodes/Hosting/MemberNodeLoop.cs).</summary>
    private const string DownedMessage = "the cluster downed it";

    /// <summary>The cluster addresses a viewer node's actor systems had, in order ("Viewer node ADDRESS joining ...").</summary>
    private static IReadOnlyList<string> Incarnations(NodeProcess viewer) =>
        ViewerJoining().Matches(viewer.Stderr).Select(m => m.Groups["address"].Value).ToList();

    [GeneratedRegex(@"Viewer node (?<address>akka(\.ssl)?\.tcp://\S+) joining")]
    private static partial Regex ViewerJoining();

    /// <summary>The environment of every node: ACTORSTREAM_E2E_LOG_LEVEL (e.g. debug) passes on as the nodes' log level.</summary>
    private static Dictionary<string, string> NodeEnvironment(params (string Key, string Value)[] extra)
    {
        var environment = extra.ToDictionary(e => e.Key, e => e.Value);
        if (Environment.GetEnvironmentVariable("ACTORSTREAM_E2E_LOG_LEVEL") is { Length: > 0 } level)
        {
            environment["ACTORSTREAM_LOG_LEVEL"] = level;
        }

        return environment;
    }

    /// <summary>Waits for a status line after line <paramref name="fromLine"/>, subscribed, whose frames exceed by
    /// <paramref name="rise"/> those of the first subscribed line after it (or <paramref name="rise"/> frames when
    /// <paramref name="fromLine"/> is 0): frames rising, not a number left from before.</summary>
    private static async Task WaitForFramesAsync(NodeProcess viewer, int fromLine, long rise, TimeSpan timeout, string what, CancellationToken ct)
    {
        await Eventually.Until(() =>
        {
            var statuses = viewer.StdoutLines.Skip(fromLine).Select(ViewerStatusFields.TryParse).OfType<ViewerStatusFields>()
                .Where(s => s.Subscribed).ToList();
            var baseline = fromLine == 0 ? 0 : statuses.FirstOrDefault()?.Frames;
            return baseline is not null && statuses.Count > 0 && statuses[^1].Frames - baseline >= rise;
        }, timeout, $"viewer {viewer.Pid} {what} (+{rise} frames); its last lines: {Tail(viewer.StdoutLines)}", ct);
    }

    /// <summary>Asks the seed for its members (`actorstream nodes`, run on the seed's host) until <paramref name="condition"/> holds.</summary>
    private static async Task<IReadOnlyList<MemberRow>> WaitForMembersAsync(LanHost seedHost, Func<IReadOnlyList<MemberRow>, bool> condition,
        TimeSpan timeout, string what, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (rows, text) = await NodesAsync(seedHost, ct);
            if (rows is not null && condition(rows))
            {
                return rows;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Not within {timeout.TotalSeconds:0.#} s: {what}; the last `actorstream nodes` said:\n{text}");
            }

            await Task.Delay(200, ct);
        }
    }

    /// <summary>`actorstream nodes --seed SEED`: the rows, or null (and what it said) when it failed.</summary>
    private static async Task<(IReadOnlyList<MemberRow>? Rows, string Output)> NodesAsync(LanHost seedHost, CancellationToken ct)
    {
        await using var client = NodeProcess.StartInNamespace(seedHost.Namespace, NodeEnvironment(),
            "nodes", "--seed", $"{seedHost.Address}:{SeedPort}");
        var code = await client.WaitForExitAsync(ControlTimeout, ct);
        var ok = code == 0 && client.Stdout.Contains(" member(s), seen from ", StringComparison.Ordinal);
        return (ok ? MemberRow.ParseTable(client.Stdout) : null, $"exit {code}\n{client.Stdout}\n{client.Stderr}");
    }

    /// <summary>`actorstream metrics --json --count 1` run on the seed's host: its one JSON line, or null when it failed.</summary>
    private static async Task<JsonElement?> MetricsJsonAsync(LanHost seedHost, CancellationToken ct)
    {
        await using var client = NodeProcess.StartInNamespace(seedHost.Namespace, NodeEnvironment(),
            "metrics", "--seed", $"{seedHost.Address}:{SeedPort}", "--json", "--count", "1");
        var code = await client.WaitForExitAsync(ControlTimeout, ct);
        var line = client.StdoutLines.FirstOrDefault(l => l.TrimStart().StartsWith('{'));
        return code == 0 && line is not null ? JsonDocument.Parse(line).RootElement.Clone() : null;
    }

    /// <summary>On failure: every node's stdout and stderr into a directory that is kept, named in the test output.
    /// Returns false, so it can sit in an exception filter and leave the exception as it is.</summary>
    private static bool SaveLogs(IReadOnlyList<(string Name, NodeProcess Process)> nodes)
    {
        try
        {
            var directory = Directory.CreateTempSubdirectory("actorstream-partition-logs-");
            foreach (var (name, process) in nodes)
            {
                File.WriteAllText(Path.Combine(directory.FullName, $"{name}.out"), process.Stdout);
                File.WriteAllText(Path.Combine(directory.FullName, $"{name}.err"), process.Stderr);
            }

            TestContext.Current.TestOutputHelper?.WriteLine($"the nodes' logs: {directory.FullName}");
            Console.Error.WriteLine($"PartitionTests failed; the nodes' logs: {directory.FullName}");
        }
        catch (IOException)
        {
            // The failure itself matters more than its logs.
        }

        return false;
    }

    private static string Tail(IReadOnlyList<string> lines) => string.Join('\n', lines.TakeLast(5));
}
