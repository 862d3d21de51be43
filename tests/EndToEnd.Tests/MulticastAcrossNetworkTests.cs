using System.Globalization;
using System.Net;
using ActorStream.EndToEnd.Tests.Support;
using ActorStream.EndToEnd.Tests.Support.Netns;

namespace ActorStream.EndToEnd.Tests;

/// <summary>
/// Multicast across the namespace LAN, with real processes: a seed in one namespace sends its stream to a group
/// (a multicast --dest, TTL 1), and ffprobe in each of two other namespaces joins the group and decodes it. This is what
/// the stations tests stand on: one send, every joined host on the LAN receives.
/// </summary>
public sealed class MulticastAcrossNetworkTests
{
    private const int SeedPort = 4053;
    private const string Group = "239.255.0.1";
    private const int GroupPort = 5004;
    private static readonly (int Width, int Height) Size = (320, 240);
    /// <summary>ffprobe's start, its join, a keyframe (1 s apart) and 90 frames at 15 fps: ~8 s on an idle box.</summary>
    private static readonly TimeSpan DecodeTimeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task A_seeds_multicast_destination_is_decoded_by_ffprobe_joined_in_two_other_namespaces()
    {
        Assert.SkipWhen(NetnsTools.SkipReason is not null, NetnsTools.SkipReason ?? "");
        var ct = TestContext.Current.CancellationToken;
        // Declared first so it is deleted last: a namespace goes only once the processes in it have exited.
        await using var lan = await NamespaceLan.CreateAsync(3, ct);
        var (seedHost, hostA, hostB) = (lan.Hosts[0], lan.Hosts[1], lan.Hosts[2]);

        await using var seed = NodeProcess.StartInNamespace(seedHost.Namespace, new Dictionary<string, string>(),
            "seed", "--host", seedHost.Address.ToString(), "--port", SeedPort.ToString(CultureInfo.InvariantCulture), "--http", "off",
            "--size", $"{Size.Width}x{Size.Height}", "--fps", "15", "--bitrate", "300", "--audio", "none",
            "--dest", $"udp://{Group}:{GroupPort}?ttl=1", "--duration", "120");
        await seed.WaitForLineAsync(l => StatusLineFields.TryParse(l)?.Frames > 0, LocalCluster.StartTimeout, "the seed's first frames", ct);

        await using var probeA = FrameProbe.Start(hostA.Namespace, FrameProbe.UdpUrl(Group, GroupPort), "A");
        await using var probeB = FrameProbe.Start(hostB.Namespace, FrameProbe.UdpUrl(Group, GroupPort), "B");
        await Task.WhenAll(
            probeA.WaitForFramesAsync(90, Size, DecodeTimeout, ct),
            probeB.WaitForFramesAsync(90, Size, DecodeTimeout, ct));

        // Each receiving host joined the group on its LAN interface (the IGMP membership the kernel filters on).
        var group = IPAddress.Parse(Group);
        Assert.Contains(group, await NamespaceLan.GroupsJoinedAsync(hostA, ct));
        Assert.Contains(group, await NamespaceLan.GroupsJoinedAsync(hostB, ct));
        // Every decoded frame had the seed's size: no other stream, no garbage decoded as a picture.
        Assert.All(probeA.Frames.Concat(probeB.Frames), f => Assert.True(f.Is(Size), $"a frame of {f.Width}x{f.Height}"));
        Assert.False(seed.HasExited, seed.Stderr);
        TestContext.Current.TestOutputHelper?.WriteLine($"{probeA}\n{probeB}");
    }
}
