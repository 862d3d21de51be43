using System.Diagnostics;
using ActorStream.EndToEnd.Tests.Support;
using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests;

/// <summary>
/// The cluster of issue 4 when nodes die: kill -9 of a viewer (the others keep receiving, the seed marks it
/// unreachable, removes it and its destination), the same viewer started again, and kill -9 of the seed itself
/// with the viewers rejoining the new seed on their own. Each test has a cluster of its own, as it breaks it.
/// </summary>
public sealed class ClusterFailureTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Kill_9_of_a_viewer_leaves_the_others_receiving_and_the_seed_removes_it_and_its_destination_within_5_s()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await LocalCluster.StartAsync(viewers: 3, durationSeconds: 120, ct);
        var victimPort = cluster.Viewers.Keys.First();
        var victim = cluster.Viewers[victimPort];
        var survivors = cluster.Viewers.Where(v => v.Key != victimPort).Select(v => v.Value).ToList();
        var linesAtKill = survivors.Select(s => ViewerStatusFields.All(s).Count).ToList();

        var clock = Stopwatch.StartNew();
        await victim.Kill9Async(ct);

        // Ask the seed as often as the command allows, to catch the short unreachable phase before removal.
        var sawUnreachable = false;
        TimeSpan? removedAfter = null;
        while (removedAfter is null)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the killed viewer was still a member 20 s after kill -9");
            var members = await cluster.NodesAsync(ct);
            var seen = members.SingleOrDefault(m => m.Port == victimPort);
            if (seen is null)
            {
                removedAfter = clock.Elapsed;
            }
            else if (!seen.Reachable)
            {
                sawUnreachable = true;
            }
        }

        Assert.True(sawUnreachable, $"`nodes` never showed the killed viewer as REACHABLE NO before it was removed ({removedAfter.Value.TotalSeconds:0.0} s)");
        Assert.True(removedAfter <= TimeSpan.FromSeconds(5), $"removed only {removedAfter.Value.TotalSeconds:0.0} s after kill -9");
        var prefix = LocalCluster.ViewerDestinationPrefix(victimPort);
        await Eventually.Until(async () => !(await cluster.DestinationListAsync(ct)).Contains(prefix, StringComparison.Ordinal),
            TimeSpan.FromSeconds(15), "the seed's dest list drops the killed viewer's destination", ct);

        // The survivors see it gone too, and keep receiving a while past the removal.
        foreach (var survivor in survivors)
        {
            await survivor.WaitForLineAsync(l => ViewerStatusFields.TryParse(l) is { Members: 3 }, Window, "members 3 at a survivor", ct);
            var latest = ViewerStatusFields.Latest(survivor)!;
            await LocalCluster.WaitForFramesAsync(survivor, latest.Frames + 60, Window, "keeps receiving after the removal", ct);
        }

        foreach (var (survivor, from) in survivors.Zip(linesAtKill))
        {
            // From the last line before the kill to now: every second more frames, at a steady rate, no loss.
            var window = ViewerStatusFields.All(survivor).Skip(Math.Max(0, from - 1)).ToList();
            Assert.All(window.Zip(window.Skip(1)), pair => Assert.True(pair.Second.Frames > pair.First.Frames,
                $"a gap at a survivor: {pair.First} then {pair.Second}"));
            var seconds = (window[^1].Elapsed - window[0].Elapsed).TotalSeconds;
            var frames = window[^1].Frames - window[0].Frames;
            Assert.True(frames >= 15 * (seconds - 1), $"a survivor got {frames} frames in {seconds} s");
            var lost = window[^1].Lost - window[0].Lost;
            Assert.True(lost <= 5, $"a survivor lost {lost} packets while the other viewer died");
        }
    }

    [Fact]
    public async Task A_killed_viewer_started_again_with_the_same_command_rejoins_and_receives()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await LocalCluster.StartAsync(viewers: 2, durationSeconds: 120, ct);
        var port = cluster.Viewers.Keys.First();
        await cluster.Viewers[port].Kill9Async(ct);

        // Straight away, as an operator would: same port, so a new incarnation of the same address.
        var again = cluster.StartViewer(port);
        var status = await LocalCluster.WaitForFramesAsync(again, 60, LocalCluster.StartTimeout, "receives after the restart", ct);
        Assert.True(status.Lost <= Math.Max(5, status.Packets / 200), status.ToString());
        // No stall once it receives (the seed must not drop the new incarnation's destination with the old one's).
        var receiving = ViewerStatusFields.All(again).SkipWhile(s => s.Frames == 0).ToList();
        Assert.All(receiving.Zip(receiving.Skip(1)), pair => Assert.True(pair.Second.Frames > pair.First.Frames,
            $"the restarted viewer stalled: {pair.First} then {pair.Second}"));

        await Eventually.Until(async () =>
        {
            var members = await cluster.NodesAsync(ct);
            return members.Count == 3 && members.All(m => m is { State: "Up", Reachable: true }) && members.Any(m => m.Port == port);
        }, Window, "`nodes` shows the seed and both viewers, all Up and reachable", ct);
        var prefix = LocalCluster.ViewerDestinationPrefix(port);
        await Eventually.Until(async () => CountOccurrences(await cluster.DestinationListAsync(ct), prefix) == 1,
            Window, "exactly one destination for the restarted viewer (the dead incarnation's is gone)", ct);
    }

    [Fact]
    public async Task Seed_killed_and_started_again_on_the_same_port_is_rejoined_by_the_viewers_without_restarting_them()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await LocalCluster.StartAsync(viewers: 2, durationSeconds: 120, ct);
        var viewers = cluster.Viewers.Values.ToList();

        await cluster.RestartSeedAsync(ct);

        // The old stream has been dead since the kill; from here the frames must rise again, from the new seed.
        var baseline = viewers.Select(v => ViewerStatusFields.Latest(v)!.Frames).ToList();
        await Task.WhenAll(viewers.Zip(baseline, (viewer, frames) =>
            LocalCluster.WaitForFramesAsync(viewer, frames + 60, TimeSpan.FromSeconds(20), "receives from the new seed", ct)));
        Assert.All(viewers, v => Assert.False(v.HasExited, v.Stderr));

        var members = await cluster.NodesAsync(ct);
        Assert.Equal(cluster.Viewers.Keys.Append(cluster.SeedPort).Order(), members.Select(m => m.Port).Order());
        Assert.All(members, m => Assert.True(m is { State: "Up", Reachable: true }, m.ToString()));
        var destinations = await cluster.DestinationListAsync(ct);
        Assert.All(cluster.Viewers.Keys, port => Assert.Contains(LocalCluster.ViewerDestinationPrefix(port), destinations, StringComparison.Ordinal));
    }

    private static int CountOccurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
