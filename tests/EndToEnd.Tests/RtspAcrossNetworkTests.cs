using System.Diagnostics;
using System.Globalization;
using ActorStream.EndToEnd.Tests.Support;
using ActorStream.EndToEnd.Tests.Support.Netns;
using ActorStream.EndToEnd.Tests.Support.Rtsp;
using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests;

/// <summary>
/// The RTSP server across a real network (<see cref="RtspLanFixture"/>): RTSP multicast joined by ffprobe on another
/// host, and `actorstream play` measuring the loss of a 5% nftables drop between the seed and it.
/// </summary>
public sealed class RtspAcrossNetworkTests(RtspLanFixture lan) : IClassFixture<RtspLanFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void SkipUnlessRoot() => Assert.SkipWhen(NetnsTools.SkipReason is not null, NetnsTools.SkipReason ?? "");

    [Theory]
    [InlineData(RtspSeedFixture.Main)]
    [InlineData(RtspSeedFixture.Hevc)]
    public async Task Ffprobe_over_udp_multicast_decodes_90_frames(string station)
    {
        SkipUnlessRoot();
        await using var probe = RtspFfprobe.Start(lan.Url(station), "udp_multicast", lan.ClientHost.Namespace);
        await probe.WaitForFramesAsync(90, Ct);
        var joined = await NamespaceLan.GroupsJoinedAsync(lan.ClientHost, Ct);
        Log($"{probe}; groups joined: {string.Join(", ", joined)}");
        Assert.NotEmpty(joined);
    }

    [Fact]
    public async Task Actorstream_play_behind_a_5_percent_drop_shows_3_to_7_percent_loss()
    {
        SkipUnlessRoot();
        // 5% of the UDP datagrams from the seed's one RTP port dropped as they reach the client's host.
        await using var rule = await PacketDropRule.AddAsync(lan.ClientHost.Namespace, NamespaceLan.Interface, RtspLanFixture.RtpPort, 50,
            bySourcePort: true, Ct);
        await using var play = NodeProcess.StartInNamespace(lan.ClientHost.Namespace, new Dictionary<string, string>(),
            "play", lan.Url(RtspSeedFixture.Main), "--transport", "udp", "--out", "null");
        var started = Stopwatch.GetTimestamp();
        await Eventually.Until(() => Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(20) || play.HasExited,
            TimeSpan.FromSeconds(30), "20 s of play", Ct);
        Assert.False(play.HasExited, $"play exited: {play.Stdout}\n{play.Stderr}");
        var (seen, dropped) = await rule.ReadCountersAsync(Ct);
        var last = play.StdoutLines.Select(PlayStatusFields.TryParse).LastOrDefault(s => s?.LossPercent is not null)
            ?? throw new InvalidOperationException($"no status line with a loss: {play.Stdout}\n{play.Stderr}");
        Log(string.Create(CultureInfo.InvariantCulture, $"play: {play.StdoutLines[^1]}; the rule dropped {dropped} of {seen}"));
        Assert.True(seen > 1000, $"the rule saw {seen} datagrams from port {RtspLanFixture.RtpPort}: {lan.Tail}");
        Assert.InRange(last.LossPercent!.Value, 3, 7);
    }

    private static void Log(string text) => TestContext.Current.TestOutputHelper?.WriteLine(text);
}
