using System.Net;
using System.Net.Sockets;
using ActorStream.EndToEnd.Tests.Support;
using ActorStream.EndToEnd.Tests.Support.Netns;
using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests;

/// <summary>
/// The network-namespace test support itself: two "hosts" joined by a veth pair, nftables loss, the delaying
/// relay, a node started inside a namespace, and that nothing is left behind.
/// </summary>
public sealed class NetnsSupportTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Udp_from_namespace_A_reaches_namespace_B_over_the_veth_pair()
    {
        SkipUnlessRoot();
        var ct = TestContext.Current.CancellationToken;
        await using var pair = await NamespacePair.CreateAsync(ct);
        await using var sink = await StampedDatagramSink.StartAsync(pair.NameB, new IPEndPoint(pair.AddressB, 0));
        using var sender = await UdpSocketIn(pair.NameA);

        await StampedDatagrams.SendPacedAsync(sender, sink.EndPoint, 10, 10, TimeSpan.FromMilliseconds(5), ct);

        await Eventually.Until(() => sink.Count == 10, Generous, "10 datagrams arrive in B", ct);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), sink.Arrivals.Select(a => a.Sequence));
        // The namespaces really are separate from this process's own.
        using var root = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        Assert.Throws<SocketException>(() => root.Bind(new IPEndPoint(pair.AddressB, 0))); // not an address of this namespace
    }

    [Fact]
    public async Task A_drop_rule_of_50_per_mille_loses_3_to_7_percent_and_its_counter_agrees()
    {
        SkipUnlessRoot();
        var ct = TestContext.Current.CancellationToken;
        await using var pair = await NamespacePair.CreateAsync(ct);
        await using var sink = await StampedDatagramSink.StartAsync(pair.NameB, new IPEndPoint(pair.AddressB, 0));
        await using var rule = await PacketDropRule.AddAsync(pair.NameB, NamespacePair.InterfaceB, sink.EndPoint.Port, 50, ct);
        using var sender = await UdpSocketIn(pair.NameA);
        const int sent = 4000;

        // 2000/s: about 2 s, far below what the veth and an 8 MiB receive buffer take, so only the rule loses.
        await StampedDatagrams.SendPacedAsync(sender, sink.EndPoint, sent, 10, TimeSpan.FromMilliseconds(5), ct);

        var counters = (Seen: 0L, Dropped: 0L);
        await Eventually.Until(async () =>
        {
            counters = await rule.ReadCountersAsync(ct);
            return sink.Count + counters.Dropped >= sent;
        }, Generous, "every datagram either arrives or is counted dropped", ct);

        var lost = sent - sink.Count;
        Assert.Equal(sent, counters.Seen);
        Assert.Equal(counters.Dropped, lost);
        Assert.InRange(lost / (double)sent, 0.03, 0.07);
        Assert.Equal(sink.Count, sink.Arrivals.Select(a => a.Sequence).Distinct().Count());
    }

    [Fact]
    public async Task The_relay_adds_20_ms_and_loses_nothing_at_300_datagrams_a_second()
    {
        SkipUnlessRoot();
        var ct = TestContext.Current.CancellationToken;
        await using var pair = await NamespacePair.CreateAsync(ct);
        // As an integrator would place it: in B, on B's veth address, forwarding to a receiver on B's loopback.
        await using var sink = await StampedDatagramSink.StartAsync(pair.NameB, new IPEndPoint(IPAddress.Loopback, 0));
        await using var direct = await StampedDatagramSink.StartAsync(pair.NameB, new IPEndPoint(pair.AddressB, 0));
        await using var relay = await UdpDelayRelay.StartAsync(pair.NameB, new IPEndPoint(pair.AddressB, 0), sink.EndPoint,
            TimeSpan.FromMilliseconds(20));
        using var sender = await UdpSocketIn(pair.NameA);
        const int sent = 600;

        // Interleaved in time, so both paths see the same load on the box: the difference is the relay's alone.
        await Task.WhenAll(
            StampedDatagrams.SendPacedAsync(sender, relay.ListenEndPoint, sent, 3, TimeSpan.FromMilliseconds(10), ct),
            StampedDatagrams.SendPacedAsync(sender, direct.EndPoint, sent, 3, TimeSpan.FromMilliseconds(10), ct));

        await Eventually.Until(() => sink.Count >= sent && direct.Count >= sent, Generous,
            $"{sent} datagrams through the relay and directly", ct);
        Assert.Equal((long)sent, relay.Forwarded);
        Assert.Equal(0, relay.Dropped);
        Assert.Equal(Enumerable.Range(0, sent).Select(i => (long)i), sink.Arrivals.Select(a => a.Sequence)); // in order

        var relayed = Median(sink.Arrivals.Select(a => a.DelayMs));
        var baseline = Median(direct.Arrivals.Select(a => a.DelayMs));
        var added = relayed - baseline;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"median one-way: direct {baseline:0.000} ms, relayed {relayed:0.000} ms, added {added:0.000} ms; " +
            $"p95 direct {Percentile(direct.Arrivals.Select(a => a.DelayMs), 0.95):0.000} ms, relayed {Percentile(sink.Arrivals.Select(a => a.DelayMs), 0.95):0.000} ms");
        Assert.InRange(added, 15.0, 25.0);
    }

    [Fact]
    public async Task A_node_started_in_a_namespace_runs_there_and_is_reached_at_its_veth_address()
    {
        SkipUnlessRoot();
        var ct = TestContext.Current.CancellationToken;
        await using var pair = await NamespacePair.CreateAsync(ct);
        const int port = 4053; // free for sure: the namespace is new and has nothing else in it
        await using var seed = NodeProcess.StartInNamespace(pair.NameA, new Dictionary<string, string>(),
            "seed", "--host", pair.AddressA.ToString(), "--port", "4053", "--size", "320x240", "--audio", "none", "--duration", "60");

        await seed.WaitForLineAsync(l => StatusLineFields.TryParse(l)?.Frames > 0, TimeSpan.FromSeconds(60), "a status line with frames", ct);
        var identified = await HostCommand.CheckedAsync("ip", ["netns", "identify", seed.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            cancellationToken: ct);
        Assert.Equal(pair.NameA, identified.Trim());

        using var client = await NamespaceSockets.CreateAsync(pair.NameB, () => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(Generous);
        await client.ConnectAsync(new IPEndPoint(pair.AddressA, port), bounded.Token);
        Assert.True(client.Connected);
    }

    /// <summary>
    /// The recipe for the issue-5 tests: the seed in A; the viewer in B receives on 127.0.0.1:P while advertising
    /// B's veth address with the same port P, where the relay listens; the drop rule sits on B's veth ingress for P.
    /// So the stream crosses veth (lossy) -> relay (+20 ms) -> B's loopback -> viewer.
    /// </summary>
    [Fact]
    public async Task Namespaces_and_drop_rules_are_gone_after_dispose()
    {
        SkipUnlessRoot();
        var ct = TestContext.Current.CancellationToken;
        var pair = await NamespacePair.CreateAsync(ct);
        string[] names;
        try
        {
            names = [pair.NameA, pair.NameB];
            Assert.Equal(2, (await NamespacePair.ListAsync(ct)).Intersect(names).Count());
            var rule = await PacketDropRule.AddAsync(pair.NameB, NamespacePair.InterfaceB, 5000, 1000, ct);
            await rule.DisposeAsync();
            var tables = await HostCommand.CheckedAsync("ip", ["netns", "exec", pair.NameB, "nft", "list", "tables"], cancellationToken: ct);
            Assert.DoesNotContain(rule.Table, tables, StringComparison.Ordinal);
        }
        finally
        {
            await pair.DisposeAsync();
        }

        var left = await NamespacePair.ListAsync(ct);
        Assert.Empty(left.Intersect(names));
        await pair.DisposeAsync(); // twice is fine
    }

    private static void SkipUnlessRoot() => Assert.SkipWhen(NamespacePair.SkipReason is not null, NamespacePair.SkipReason ?? "");

    private static Task<Socket> UdpSocketIn(string netns) => NamespaceSockets.CreateAsync(netns, () =>
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Any, 0));
        return socket;
    });

    private static double Median(IEnumerable<double> values) => Percentile(values, 0.5);

    private static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
    }
}
