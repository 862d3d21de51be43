using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using ActorStream.EndToEnd.Tests.Support;
using ActorStream.Media.Ffmpeg;
using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests;

/// <summary>
/// The cluster of issue 4 as real processes: one `actorstream seed` and three `actorstream viewer` processes
/// (shared by these tests; each test removes what it adds and changes nothing the others look at), driven by the
/// `actorstream dest` and `nodes` commands, and probed with a wrong secret and with garbage on the cluster port.
/// </summary>
public sealed class SharedSeedClusterTests(SharedClusterFixture fixture) : IClassFixture<SharedClusterFixture>
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    private LocalCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Three_viewers_of_one_seed_all_receive_with_no_loss_to_speak_of()
    {
        var ct = TestContext.Current.CancellationToken;
        var before = Cluster.Viewers.Values.Select(v => ViewerStatusFields.Latest(v)!).ToList();

        // Two more seconds of video at each viewer, and a few more status lines to look at.
        await Task.WhenAll(Cluster.Viewers.Values.Zip(before, (viewer, b) =>
            LocalCluster.WaitForFramesAsync(viewer, b.Frames + 60, Window, "keeps receiving", ct)));

        foreach (var (port, viewer) in Cluster.Viewers)
        {
            var statuses = ViewerStatusFields.All(viewer).Where(s => s.Subscribed).ToList();
            Assert.True(statuses.Count >= 3, viewer.Stdout);
            Assert.All(statuses.Zip(statuses.Skip(1)), pair => Assert.True(pair.Second.Frames > pair.First.Frames,
                $"viewer on {port}: frames did not grow from {pair.First} to {pair.Second}"));
            var last = statuses[^1];
            Assert.True(last.Lost <= Math.Max(5, last.Packets / 200), $"viewer on {port} lost {last.Lost} of {last.Packets} packets");
            Assert.Equal(1 + SharedClusterFixture.ViewerCount, last.Members);
        }

        var destinations = await Cluster.DestinationListAsync(ct);
        Assert.All(Cluster.Viewers.Keys, port => Assert.Contains(LocalCluster.ViewerDestinationPrefix(port), destinations, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dest_add_list_and_remove_from_the_command_line_change_what_the_seed_sends_and_nodes_lists_the_members()
    {
        var ct = TestContext.Current.CancellationToken;
        var ffmpeg = FfmpegInstallation.Locate().FfmpegPath;
        var decodeUri = $"udp://127.0.0.1:{FreePorts.Udp()}";
        await using var decoder = DecodingReceiver.Start(ffmpeg, decodeUri, "dest add");
        using var counter = new DatagramCounter();
        var countUri = $"udp://127.0.0.1:{counter.Port}";

        foreach (var uri in new[] { decodeUri, countUri })
        {
            var added = await Cluster.ControlAsync(ct, "dest", "add", uri);
            Assert.True(added.Code == 0, $"dest add {uri} exited {added.Code}: {added.Stderr}");
            Assert.StartsWith($"added {uri} (udp-", added.Stdout, StringComparison.Ordinal);
        }

        await decoder.WaitForFramesAsync(60, Window, ct);
        Assert.Equal((320, 240), (decoder.Width, decoder.Height));
        await Eventually.Until(() => counter.Datagrams > 100, Window, "the counter receives datagrams", ct);

        var listed = await Cluster.DestinationListAsync(ct);
        Assert.Contains(decodeUri, listed, StringComparison.Ordinal);
        Assert.Contains(countUri, listed, StringComparison.Ordinal);

        foreach (var uri in new[] { decodeUri, countUri })
        {
            var removed = await Cluster.ControlAsync(ct, "dest", "remove", uri);
            Assert.True(removed.Code == 0, $"dest remove {uri} exited {removed.Code}: {removed.Stderr}");
            Assert.StartsWith($"removed {uri} (udp-", removed.Stdout, StringComparison.Ordinal);
        }

        var removedAt = DateTime.UtcNow;
        // Datagrams already sent may still land just after the answer; after ~1 s the socket must stay silent.
        await Eventually.Until(() => DateTime.UtcNow - counter.LastArrival > TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(15),
            "the removed destination's socket falls silent", ct);
        Assert.True(counter.LastArrival < removedAt + TimeSpan.FromSeconds(1),
            $"a datagram arrived {(counter.LastArrival - removedAt).TotalSeconds:0.00} s after dest remove answered");

        var after = await Cluster.DestinationListAsync(ct);
        Assert.DoesNotContain(decodeUri, after, StringComparison.Ordinal);
        Assert.DoesNotContain(countUri, after, StringComparison.Ordinal);

        var ftp = await Cluster.ControlAsync(ct, "dest", "add", "ftp://x");
        Assert.Equal(1, ftp.Code);
        Assert.Contains("rejected ftp://x", ftp.Stderr, StringComparison.Ordinal);
        Assert.Contains("scheme", ftp.Stderr, StringComparison.OrdinalIgnoreCase);
        var missing = await Cluster.ControlAsync(ct, "dest", "remove", countUri);
        Assert.True(missing.Code == 1, $"removing a destination that is not there exited {missing.Code}: {missing.Stdout}");

        var members = await Cluster.NodesAsync(ct);
        Assert.Equal(1 + SharedClusterFixture.ViewerCount, members.Count);
        var camera = Assert.Single(members, m => m.Roles == "camera");
        Assert.Equal(Cluster.SeedPort, camera.Port);
        Assert.Equal(Cluster.Viewers.Keys.Order(), members.Where(m => m.Roles == "viewer").Select(m => m.Port).Order());
        Assert.All(members, m => Assert.True(m is { State: "Up", Reachable: true }, m.ToString()));
        Assert.Single(members, m => m.Leader);
    }

    [Fact]
    public async Task A_viewer_with_the_wrong_cluster_secret_is_refused_never_becomes_a_member_and_receives_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = FreePorts.Tcp();
        var wrong = new Dictionary<string, string>(Cluster.Environment) { ["ACTORSTREAM_REMOTE__SECRET"] = "other" };
        await using var stranger = Cluster.StartViewer(port, wrong);

        await Eventually.Until(() => stranger.Stderr.Contains("do not share the cluster secret", StringComparison.Ordinal) || stranger.HasExited,
            LocalCluster.StartTimeout, "the stranger learns that the seed refused its proof", ct);
        // Watch it for a while as it keeps trying: it must stay outside the whole time.
        var deadline = DateTime.UtcNow + Window;
        while (ViewerStatusFields.Latest(stranger) is not { Elapsed.TotalSeconds: >= 6 })
        {
            Assert.False(stranger.HasExited, $"the stranger exited: {stranger.Stderr}");
            Assert.True(DateTime.UtcNow < deadline, $"the stranger printed no status for 6 s: {stranger.Stdout}");
            var members = await Cluster.NodesAsync(ct);
            Assert.DoesNotContain(members, m => m.Port == port);
            Assert.Equal(1 + SharedClusterFixture.ViewerCount, members.Count);
        }

        var statuses = ViewerStatusFields.All(stranger);
        Assert.NotEmpty(statuses);
        Assert.All(statuses, s => Assert.True(s is { Subscribed: false, Frames: 0, Packets: 0 }, $"the stranger received: {s}"));
        var destinations = await Cluster.DestinationListAsync(ct);
        Assert.DoesNotContain(LocalCluster.ViewerDestinationPrefix(port), destinations, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Garbage_and_an_oversized_frame_on_the_cluster_port_are_refused_and_the_cluster_carries_on()
    {
        var ct = TestContext.Current.CancellationToken;
        var before = Cluster.Viewers.Values.Select(v => ViewerStatusFields.Latest(v)!).ToList();
        var garbage = new byte[8192];
        new Random(4).NextBytes(garbage);
        var oversized = new byte[4 + 65536];
        BinaryPrimitives.WriteInt32BigEndian(oversized, 0x7FFF_FFF0);
        // A well-formed frame (small length prefix) whose body is not a hello.
        var badHello = new byte[4 + 1000];
        BinaryPrimitives.WriteInt32BigEndian(badHello, 1000);
        new Random(5).NextBytes(badHello.AsSpan(4));

        foreach (var (what, bytes) in new[] { ("garbage", garbage), ("an oversized frame", oversized), ("a garbage hello", badHello) })
        {
            await SendAndExpectCloseAsync(Cluster.SeedPort, bytes, what, ct);
        }

        Assert.False(Cluster.Seed.HasExited, Cluster.Seed.Stderr);
        Assert.Contains("Refused connection from", Cluster.Seed.Stderr, StringComparison.Ordinal);
        await Task.WhenAll(Cluster.Viewers.Values.Zip(before, (viewer, b) =>
            LocalCluster.WaitForFramesAsync(viewer, b.Frames + 60, Window, "keeps receiving after the garbage", ct)));
        var members = await Cluster.NodesAsync(ct);
        Assert.Equal(1 + SharedClusterFixture.ViewerCount, members.Count);
        Assert.All(members, m => Assert.True(m is { State: "Up", Reachable: true }, m.ToString()));
    }

    /// <summary>Connects a plain TcpClient, writes the bytes, and waits (bounded) for the seed to close the connection.</summary>
    private static async Task SendAndExpectCloseAsync(int port, byte[] bytes, string what, CancellationToken ct)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, ct);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(bytes, ct);
        }
        catch (IOException)
        {
            return; // closed while we were still writing: refused
        }

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // The handshake timeout (3 s) closes any connection at the latest; a refusal is much sooner.
        bounded.CancelAfter(TimeSpan.FromSeconds(10));
        var buffer = new byte[4096];
        try
        {
            while (await stream.ReadAsync(buffer, bounded.Token) > 0)
            {
            }
        }
        catch (IOException)
        {
            // Reset by the seed: closed too.
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Assert.Fail($"the seed kept a connection open after {what}");
        }
    }
}
