using System.Globalization;
using System.Text.RegularExpressions;
using ActorStream.EndToEnd.Tests.Support;
using ActorStream.EndToEnd.Tests.Support.Netns;
using ActorStream.Media.Tests.Support;
using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests;

/// <summary>
/// `actorstream play` across a real network: gst-rtsp-server in one namespace, play in another over UDP, and 5% of
/// the RTP datagrams dropped by nftables on the way in: the loss play reports must be what was dropped.
/// </summary>
public sealed partial class PlayAcrossNetworkTests
{
    private const int RtspPort = 18554;
    private const int ClientPort = 5000;

    [Fact]
    public async Task Play_behind_a_5_percent_drop_reports_3_to_7_percent_loss()
    {
        Assert.SkipWhen(NamespacePair.SkipReason is not null, NamespacePair.SkipReason ?? "");
        var ct = TestContext.Current.CancellationToken;
        // Declared first so it is disposed last: a namespace goes only once the processes in it have exited.
        await using var pair = await NamespacePair.CreateAsync(ct);
        await using var rule = await PacketDropRule.AddAsync(pair.NameB, NamespacePair.InterfaceB, ClientPort, 50, ct);
        await using var gst = await GstRtspServerProcess.StartInNamespaceAsync(pair.NameA, pair.AddressA.ToString(), RtspPort,
            GstRtspServerProcess.Video, ct);
        await using var play = NodeProcess.StartInNamespace(pair.NameB, new Dictionary<string, string>(),
            "play", gst.Url, "--transport", "udp", "--udp-port", ClientPort.ToString(CultureInfo.InvariantCulture), "--duration", "12");

        var code = await play.WaitForExitAsync(TimeSpan.FromSeconds(40), ct);

        var (seen, dropped) = await rule.ReadCountersAsync(ct);
        var summary = play.StdoutLines.LastOrDefault(l => l.StartsWith("summary ", StringComparison.Ordinal)) ?? "";
        TestContext.Current.TestOutputHelper?.WriteLine($"{summary}\nthe rule dropped {dropped} of {seen}\n{play.Stderr}");
        Assert.Equal(0, code);
        var loss = Loss().Match(summary);
        Assert.True(loss.Success, $"no loss in the summary: {play.Stdout}");
        var percent = double.Parse(loss.Groups[1].Value, CultureInfo.InvariantCulture);
        var lost = long.Parse(loss.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.True(seen > 1000, $"the rule saw {seen} datagrams to port {ClientPort}");
        Assert.InRange(percent, 3, 7);
        // Each dropped datagram is one lost: sequence numbers account for every one (the few around the start and end aside).
        Assert.InRange(lost, dropped - 5, dropped + 1);
    }

    [Fact]
    public async Task Play_joins_the_multicast_group_the_server_gives_and_plays_it()
    {
        Assert.SkipWhen(NamespacePair.SkipReason is not null, NamespacePair.SkipReason ?? "");
        var ct = TestContext.Current.CancellationToken;
        await using var pair = await NamespacePair.CreateAsync(ct);
        // The server's host sends its groups out of the veth (a namespace has no multicast route of its own).
        await HostCommand.CheckedAsync("ip", ["netns", "exec", pair.NameA, "ip", "route", "add", "224.0.0.0/4", "dev", NamespacePair.InterfaceA],
            cancellationToken: ct);
        await using var gst = await GstRtspServerProcess.StartInNamespaceAsync(pair.NameA, pair.AddressA.ToString(), RtspPort,
            GstRtspServerProcess.Video, ct, multicast: "239.255.42.1-239.255.42.10");
        await using var play = NodeProcess.StartInNamespace(pair.NameB, new Dictionary<string, string>(),
            "play", gst.Url, "--transport", "multicast", "--duration", "5");

        var code = await play.WaitForExitAsync(TimeSpan.FromSeconds(30), ct);

        TestContext.Current.TestOutputHelper?.WriteLine($"{play.Stdout}\n{play.Stderr}");
        Assert.Equal(0, code);
        Assert.Contains(play.StdoutLines, l => l.StartsWith("Playing ", StringComparison.Ordinal) && l.Contains("multicast 239.255.42.", StringComparison.Ordinal));
        var summary = Summary().Match(play.StdoutLines.LastOrDefault(l => l.StartsWith("summary ", StringComparison.Ordinal)) ?? "");
        Assert.True(summary.Success, play.Stdout);
        Assert.True(long.Parse(summary.Groups[1].Value, CultureInfo.InvariantCulture) >= 90, play.Stdout);
        Assert.Equal("0", summary.Groups[2].Value);
    }

    [GeneratedRegex(@"^summary \S+: frames (\d+) .* loss \d+\.\d+% \((\d+)/")]
    private static partial Regex Summary();

    [GeneratedRegex(@"loss (\d+\.\d+)% \((\d+)/(\d+)\)")]
    private static partial Regex Loss();
}
