using System.Globalization;
using System.Net;
using System.Text.Json;
using ActorStream.EndToEnd.Tests.Support;
using ActorStream.EndToEnd.Tests.Support.Netns;

namespace ActorStream.EndToEnd.Tests;

/// <summary>
/// Issue 5's figures measured across a real network: a seed in one namespace, two viewers in another, joined by
/// a veth pair. 5% of one viewer's datagrams are dropped by nftables; the other viewer's stream goes through a
/// relay of the test's own that holds each datagram 20 ms. What the seed's metrics actor reports (read with the
/// real `actorstream metrics --json`) must show both.
/// </summary>
public sealed class MeasuringAcrossNetworkTests
{
    private const int SeedPort = 4053, LossyViewerPort = 4054, RelayedViewerPort = 4055;
    private const int LossyStreamPort = 5000, RelayPort = 5001, RelayedStreamPort = 5002;

    [Fact]
    public async Task A_viewer_behind_5_percent_drops_reports_3_to_7_percent_loss_and_a_20_ms_relay_adds_15_to_30_ms_latency()
    {
        Assert.SkipWhen(NamespacePair.SkipReason is not null, NamespacePair.SkipReason ?? "");
        var ct = TestContext.Current.CancellationToken;
        // Declared first so it is disposed last: a namespace goes only once the processes in it have exited.
        await using var pair = await NamespacePair.CreateAsync(ct);
        // The nodes talk mutual TLS across the veth, as across a real network: one cluster certificate for all.
        var directory = Directory.CreateTempSubdirectory("actorstream-e2e-netns-");
        try
        {
            await MeasureAsync(pair, LocalCluster.CreateCertificate(Path.Combine(directory.FullName, "cluster.pfx")), ct);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task MeasureAsync(NamespacePair pair, string certificate, CancellationToken ct)
    {
        await using var rule = await PacketDropRule.AddAsync(pair.NameB, NamespacePair.InterfaceB, LossyStreamPort, 50, ct);
        await using var relay = await UdpDelayRelay.StartAsync(pair.NameB, new IPEndPoint(pair.AddressB, RelayPort),
            new IPEndPoint(IPAddress.Loopback, RelayedStreamPort), TimeSpan.FromMilliseconds(20));

        // GSO off: over a veth a GSO send reaches the ingress hook as one packet, which the rule would drop whole
        // (a physical NIC would have cut it into datagrams first), so the loss would come in bursts of ~13 datagrams.
        await using var seed = NodeProcess.StartInNamespace(pair.NameA,
            new Dictionary<string, string> { ["ACTORSTREAM_FANOUT__UDP__GSO"] = "off" },
            "seed", "--host", pair.AddressA.ToString(), "--port", $"{SeedPort}", "--size", "640x360", "--audio", "none",
            "--http", "off", "--duration", "120", "--cert", certificate);
        await seed.WaitForLineAsync(l => StatusLineFields.TryParse(l)?.Frames > 0, LocalCluster.StartTimeout, "the seed's first frames", ct);

        await using var lossy = NodeProcess.StartInNamespace(pair.NameB, new Dictionary<string, string>(),
            "viewer", "--seed", $"{pair.AddressA}:{SeedPort}", "--host", pair.AddressB.ToString(), "--port", $"{LossyViewerPort}",
            "--udp-port", $"{LossyStreamPort}", "--unicast", "--duration", "120", "--cert", certificate);
        await using var relayed = NodeProcess.StartInNamespace(pair.NameB, new Dictionary<string, string>(),
            "viewer", "--seed", $"{pair.AddressA}:{SeedPort}", "--host", pair.AddressB.ToString(), "--port", $"{RelayedViewerPort}",
            "--udp-port", $"{RelayedStreamPort}", "--advertise-udp", $"{pair.AddressB}:{RelayPort}", "--unicast", "--duration", "120", "--cert", certificate);

        // 12 s of stream at both, so the 10 s latency window is full and thousands of datagrams were sent.
        await LocalCluster.WaitForFramesAsync(lossy, 360, LocalCluster.StartTimeout, "the lossy viewer's frames", ct);
        await LocalCluster.WaitForFramesAsync(relayed, 360, LocalCluster.StartTimeout, "the relayed viewer's frames", ct);

        var snapshot = await MetricsJsonAsync(pair, certificate, ct);
        var viewers = snapshot.GetProperty("viewers").EnumerateArray().ToList();
        JsonElement ViewerAt(int port) => viewers.Single(v =>
            v.GetProperty("viewerId").GetString()!.StartsWith($"{pair.AddressB}-{port}-", StringComparison.Ordinal));
        var lossyRow = ViewerAt(LossyViewerPort);
        var relayedRow = ViewerAt(RelayedViewerPort);

        var (seen, dropped) = await rule.ReadCountersAsync(ct);
        var loss = lossyRow.GetProperty("lossRatio").GetDouble();
        var directP50 = lossyRow.GetProperty("latencyP50Ms").GetDouble();
        var relayedP50 = relayedRow.GetProperty("latencyP50Ms").GetDouble();
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"lossy viewer: loss {loss:P2} (rule dropped {dropped} of {seen}), latency p50 {directP50:0.0} ms; " +
            $"relayed viewer: latency p50 {relayedP50:0.0} ms, loss {relayedRow.GetProperty("lossRatio").GetDouble():P2}; " +
            $"relay {relay.Forwarded} forwarded, {relay.Dropped} dropped"));

        Assert.InRange(loss, 0.03, 0.07);
        Assert.InRange(directP50, 0.001, 1000);
        Assert.InRange(relayedP50, 0.001, 1000);
        Assert.InRange(relayedP50 - directP50, 15, 30);
        Assert.True(relayedRow.GetProperty("frames").GetInt64() > 300, relayedRow.ToString());
    }

    /// <summary>`actorstream metrics --json --count 1` run beside the seed, as a user would; its one line parsed.</summary>
    private static async Task<JsonElement> MetricsJsonAsync(NamespacePair pair, string certificate, CancellationToken ct)
    {
        await using var client = NodeProcess.StartInNamespace(pair.NameA, new Dictionary<string, string>(),
            "metrics", "--seed", $"{pair.AddressA}:{SeedPort}", "--json", "--count", "1", "--cert", certificate);
        var code = await client.WaitForExitAsync(LocalCluster.ControlTimeout, ct);
        Assert.True(code == 0, $"actorstream metrics exited {code}: {client.Stderr}");
        var line = client.StdoutLines.Single(l => l.TrimStart().StartsWith('{'));
        return JsonDocument.Parse(line).RootElement.Clone();
    }
}
