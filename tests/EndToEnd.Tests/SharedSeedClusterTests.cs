using System.Buffers.Binary;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using ActorStream.EndToEnd.Tests.Support;
using ActorStream.Media.Ffmpeg;
using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests;

/// <summary>
/// The cluster of issue 4 as real processes: one `actorstream seed` and three `actorstream viewer` processes
/// (shared by these tests; each test removes what it adds and changes nothing the others look at), driven by the
/// `actorstream dest` and `nodes` commands, and probed with viewers holding another certificate or none, and with
/// garbage on the cluster port.
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
        // From the last status line before this test: the fixture's start is not what is measured here.
        var linesBefore = Cluster.Viewers.Values.Select(v => ViewerStatusFields.All(v).Count).ToList();

        // Two more seconds of video at each viewer, and a few more status lines to look at.
        await Task.WhenAll(Cluster.Viewers.Values.Zip(before, (viewer, b) =>
            LocalCluster.WaitForFramesAsync(viewer, b.Frames + 60, Window, "keeps receiving", ct)));

        foreach (var ((port, viewer), from) in Cluster.Viewers.Zip(linesBefore))
        {
            var statuses = ViewerStatusFields.All(viewer).Skip(from - 1).ToList();
            Assert.True(statuses.Count >= 3, viewer.Stdout);
            Assert.All(statuses, s => Assert.True(s.Subscribed, $"viewer on {port} not subscribed: {s}"));
            Assert.All(statuses.Zip(statuses.Skip(1)), pair => Assert.True(pair.Second.Frames > pair.First.Frames,
                $"viewer on {port}: frames did not grow from {pair.First} to {pair.Second}"));
            var (lost, packets) = (statuses[^1].Lost - statuses[0].Lost, statuses[^1].Packets - statuses[0].Packets);
            Assert.True(lost <= Math.Max(5, packets / 200), $"viewer on {port} lost {lost} of {packets} packets");
            Assert.Equal(1 + SharedClusterFixture.ViewerCount, statuses[^1].Members);
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
    public async Task Seed_and_viewers_holding_the_same_certificate_stream_and_nodes_with_it_lists_them_at_akka_ssl_tcp_addresses()
    {
        var ct = TestContext.Current.CancellationToken;
        var before = Cluster.Viewers.Values.Select(v => ViewerStatusFields.Latest(v)!).ToList();

        // Every viewer of the shared cluster was started with --cert CLUSTER, as the seed was: the stream flows.
        await Task.WhenAll(Cluster.Viewers.Values.Zip(before, (viewer, b) =>
            LocalCluster.WaitForFramesAsync(viewer, b.Frames + 30, Window, "receives over the TLS cluster", ct)));

        var (code, stdout, stderr) = await Cluster.ControlAsync(ct, "nodes");
        Assert.True(code == 0, $"nodes --cert exited {code}: {stderr}");
        var members = ClusterMember.ParseTable(stdout);
        Assert.Equal(Cluster.Viewers.Keys.Append(Cluster.SeedPort).Select(LocalCluster.AddressOf).Order(),
            members.Select(m => m.Address).Order());
        Assert.Contains($"seen from {LocalCluster.AddressOf(Cluster.SeedPort)}", stdout, StringComparison.Ordinal);

        // The control command is refused as a viewer is: without the certificate the seed never answers.
        var plain = await Cluster.ControlWithAsync(null, ct, "nodes", "--timeout", "2");
        Assert.True(plain.Code == 1, $"nodes without --cert exited {plain.Code}: {plain.Stdout}");
        Assert.DoesNotContain("member(s)", plain.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_viewer_holding_another_cluster_certificate_exits_1_saying_the_TLS_handshake_failed_never_becomes_a_member_and_receives_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var elsewhere = Directory.CreateTempSubdirectory("actorstream-e2e-other-");
        try
        {
            // Made as a user would: another cluster's certificate is just another `cert create`.
            var other = Path.Combine(elsewhere.FullName, "other.pfx");
            var created = await NodeProcess.RunAsync(LocalCluster.ControlTimeout, ct, "cert", "create", "--out", other);
            Assert.True(created.Code == 0, $"cert create exited {created.Code}: {created.Stderr}");
            Assert.StartsWith($"wrote {other} (thumbprint ", created.Stdout, StringComparison.Ordinal);

            var port = FreePorts.Tcp();
            await using var stranger = Cluster.StartOutsider(port, other);

            // Until it gives up it must stay outside: the seed's member list never names it.
            var deadline = DateTime.UtcNow + LocalCluster.StartTimeout;
            do
            {
                Assert.True(DateTime.UtcNow < deadline, $"the stranger still ran after {LocalCluster.StartTimeout.TotalSeconds} s: {stranger.Stderr}");
                var members = await Cluster.NodesAsync(ct);
                Assert.DoesNotContain(members, m => m.Port == port);
                Assert.Equal(1 + SharedClusterFixture.ViewerCount, members.Count);
            }
            while (!stranger.HasExited);

            var code = await stranger.WaitForExitAsync(TimeSpan.FromSeconds(10), ct);
            Assert.True(code == 1, $"the stranger exited {code}: {stranger.Stderr}");
            Assert.Contains($"the TLS handshake with 127.0.0.1:{Cluster.SeedPort} failed", stranger.Stderr, StringComparison.Ordinal);
            Assert.Contains("must hold the same cluster certificate", stranger.Stderr, StringComparison.Ordinal);
            Assert.All(ViewerStatusFields.All(stranger), s => Assert.True(s is { Subscribed: false, Frames: 0, Packets: 0 }, $"the stranger received: {s}"));
            var destinations = await Cluster.DestinationListAsync(ct);
            Assert.DoesNotContain(LocalCluster.ViewerDestinationPrefix(port), destinations, StringComparison.Ordinal);
            Assert.False(Cluster.Seed.HasExited, Cluster.Seed.Stderr);
        }
        finally
        {
            elsewhere.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_viewer_without_a_certificate_is_refused_by_the_TLS_seed_never_becomes_a_member_receives_nothing_and_the_seed_carries_on()
    {
        var ct = TestContext.Current.CancellationToken;
        var before = Cluster.Viewers.Values.Select(v => ViewerStatusFields.Latest(v)!).ToList();
        var refusalsBefore = Refusals(Cluster.Seed);
        var port = FreePorts.Tcp();
        await using var stranger = Cluster.StartOutsider(port, certificatePath: null);

        // It speaks plain TCP to a TLS port: the seed's TLS layer refuses the connection, and says so.
        await Eventually.Until(() => Refusals(Cluster.Seed) > refusalsBefore, LocalCluster.StartTimeout,
            "the seed logs a refused TLS handshake", ct);
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

        // The seed carries on: its members keep receiving and are all still Up.
        Assert.False(Cluster.Seed.HasExited, Cluster.Seed.Stderr);
        await Task.WhenAll(Cluster.Viewers.Values.Zip(before, (viewer, b) =>
            LocalCluster.WaitForFramesAsync(viewer, b.Frames + 60, Window, "keeps receiving beside the refused viewer", ct)));
        var after = await Cluster.NodesAsync(ct);
        Assert.All(after, m => Assert.True(m is { State: "Up", Reachable: true }, m.ToString()));
    }

    [Fact]
    public async Task Garbage_and_an_oversized_frame_on_the_cluster_port_are_refused_and_the_cluster_carries_on()
    {
        var ct = TestContext.Current.CancellationToken;
        var before = Cluster.Viewers.Values.Select(v => ViewerStatusFields.Latest(v)!).ToList();
        var garbage = new byte[8192];
        new Random(4).NextBytes(garbage);
        // Akka's DotNetty framing: a 4-byte length (little-endian in Akka.NET), then the frame. This length reads the same in either byte order
        // (268 MB), far over maximum-frame-size (4 MiB), so it must be refused before anything is buffered.
        var oversized = new byte[4 + 65536];
        oversized[0] = oversized[3] = 0x10;
        // A well-formed frame (small length) whose body is not Akka's protocol.
        var badPdu = new byte[4 + 1000];
        BinaryPrimitives.WriteInt32LittleEndian(badPdu, 1000);
        new Random(5).NextBytes(badPdu.AsSpan(4));

        // Not TLS at all: the TLS layer refuses it, and the seed says so naming the connection (by our local port).
        var plainPort = await SendAndExpectCloseAsync(Cluster.SeedPort, null, garbage, "garbage", ct);
        await ExpectSeedLogAsync(l => l.Contains($"Rejected incoming connection from [[::ffff:127.0.0.1]:{plainPort}] due to TLS handshake failure",
            StringComparison.Ordinal), "garbage", ct);
        // Inside TLS with the cluster certificate, as only a member could: Akka's framing refuses the length before it
        // buffers anything, and its protocol refuses a frame it cannot decode.
        var oversizedPort = await SendAndExpectCloseAsync(Cluster.SeedPort, Cluster.CertificatePath, oversized, "an oversized frame", ct);
        await ExpectSeedLogAsync(l => l.Contains($"]:{oversizedPort}]", StringComparison.Ordinal)
            && l.Contains("TooLongFrameException: Adjusted frame length exceeds 4194304", StringComparison.Ordinal), "an oversized frame", ct);
        var badPduPort = await SendAndExpectCloseAsync(Cluster.SeedPort, Cluster.CertificatePath, badPdu, "a frame that is not Akka's protocol", ct);
        // The protocol actor's name carries the peer's address, URL-encoded (...%5D%3APORT-N).
        await ExpectSeedLogAsync(l => l.Contains("Error while decoding incoming Akka PDU of length 1000", StringComparison.Ordinal)
            && l.Contains($"%3A{badPduPort}-", StringComparison.Ordinal), "a frame that is not Akka's protocol", ct);

        Assert.False(Cluster.Seed.HasExited, Cluster.Seed.Stderr);
        await Task.WhenAll(Cluster.Viewers.Values.Zip(before, (viewer, b) =>
            LocalCluster.WaitForFramesAsync(viewer, b.Frames + 60, Window, "keeps receiving after the garbage", ct)));
        var members = await Cluster.NodesAsync(ct);
        Assert.Equal(1 + SharedClusterFixture.ViewerCount, members.Count);
        Assert.All(members, m => Assert.True(m is { State: "Up", Reachable: true }, m.ToString()));
    }

    /// <summary>How many connections the seed has refused at the TLS handshake so far.</summary>
    private static int Refusals(NodeProcess seed) =>
        seed.Stderr.Split('\n').Count(l => l.Contains("Rejected incoming connection from", StringComparison.Ordinal));

    /// <summary>Waits (bounded) for a line of the seed's log that names the refused connection.</summary>
    private Task ExpectSeedLogAsync(Func<string, bool> line, string what, CancellationToken ct) =>
        Eventually.Until(() => Cluster.Seed.Stderr.Split('\n').Any(line), Window, $"the seed's log names the connection that sent {what}", ct);

    /// <summary>
    /// Connects (over TLS with <paramref name="certificatePath"/> when given, else plain TCP), writes the bytes, and
    /// waits (bounded) for the seed to close the connection. Returns the connection's local port, which the seed's
    /// log names.
    /// </summary>
    private static async Task<int> SendAndExpectCloseAsync(int port, string? certificatePath, byte[] bytes, string what, CancellationToken ct)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, ct);
        var localPort = ((IPEndPoint)client.Client.LocalEndPoint!).Port;
        Stream stream = client.GetStream();
        using var certificate = certificatePath is null ? null : X509CertificateLoader.LoadPkcs12FromFile(certificatePath, "");
        if (certificate is not null)
        {
            var tls = new SslStream(stream, leaveInnerStreamOpen: false);
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "127.0.0.1",
                ClientCertificates = [certificate],
                // The seed presents the cluster certificate, which no CA signed: pinned, as the nodes pin it.
                RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.Thumbprint,
            }, ct);
            stream = tls;
        }

        await using (stream)
        {
            try
            {
                await stream.WriteAsync(bytes, ct);
                await stream.FlushAsync(ct);
            }
            catch (IOException)
            {
                return localPort; // closed while we were still writing: refused
            }

            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
            bounded.CancelAfter(TimeSpan.FromSeconds(20));
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
                Assert.Fail($"the seed kept a connection open 20 s after {what}");
            }
        }

        return localPort;
    }
}
