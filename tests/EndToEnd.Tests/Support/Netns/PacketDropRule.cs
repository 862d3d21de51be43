using System.Globalization;
using System.Text.Json;

namespace ActorStream.EndToEnd.Tests.Support.Netns;

/// <summary>
/// Random loss without netem (this kernel has none): an nftables netdev table whose ingress chain on one
/// interface drops <see cref="PerMille"/>/1000 of the UDP packets to one port (`numgen random mod 1000 &lt; N`),
/// with named counters for what it saw and what it dropped. Disposing deletes the table.
/// </summary>
/// <remarks>
/// The ingress hook sees packets as the veth hands them over, before any segmentation: a UDP GSO send of ten
/// datagrams arrives as ONE packet here and is dropped whole. Senders under test should not use GSO
/// (the seed: actorstream.fanout.udp.gso = off) or the counters count bursts, not datagrams.
/// </remarks>
public sealed class PacketDropRule : IAsyncDisposable
{
    private const string SeenCounter = "seen";
    private const string DroppedCounter = "dropped";

    private int _disposed;

    private PacketDropRule(string netns, string device, int port, int perMille, string table)
    {
        Namespace = netns;
        Device = device;
        Port = port;
        PerMille = perMille;
        Table = table;
    }

    public string Namespace { get; }
    public string Device { get; }
    public int Port { get; }
    public int PerMille { get; }
    /// <summary>The nftables table (family netdev) that holds the chain and counters.</summary>
    public string Table { get; }

    /// <summary>Installs the rule in namespace <paramref name="netns"/> on <paramref name="device"/>'s ingress.</summary>
    public static Task<PacketDropRule> AddAsync(string netns, string device, int udpPort, int perMille, CancellationToken cancellationToken) =>
        AddAsync(netns, device, udpPort, perMille, bySourcePort: false, cancellationToken);

    /// <summary>As above; with <paramref name="bySourcePort"/> the rule matches the UDP source port (a server's one RTP port) instead.</summary>
    public static async Task<PacketDropRule> AddAsync(string netns, string device, int udpPort, int perMille, bool bySourcePort,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(perMille);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(perMille, 1000);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(udpPort);
        NetnsTools.EnsureInstalled();
        // One table per rule, so several rules (ports, devices) can live in one namespace side by side.
        var field = bySourcePort ? "sport" : "dport";
        var table = string.Create(CultureInfo.InvariantCulture, $"actorstream_drop_{device.Replace('-', '_')}_{field}_{udpPort}");
        // numgen's range is 0-999, so "all" is a plain drop rather than "< 1000".
        var sample = perMille == 1000 ? "" : string.Create(CultureInfo.InvariantCulture, $"numgen random mod 1000 < {perMille} ");
        var script = string.Create(CultureInfo.InvariantCulture, $$"""
            table netdev {{table}} {
              counter {{SeenCounter}} { }
              counter {{DroppedCounter}} { }
              chain ingress {
                type filter hook ingress device "{{device}}" priority -500; policy accept;
                udp {{field}} {{udpPort}} counter name "{{SeenCounter}}"
                udp {{field}} {{udpPort}} {{sample}}counter name "{{DroppedCounter}}" drop
              }
            }

            """);
        await HostCommand.CheckedAsync("ip", ["netns", "exec", netns, "nft", "-f", "-"], script, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return new PacketDropRule(netns, device, udpPort, perMille, table);
    }

    /// <summary>Packets to the port that reached the rule, and how many of them it dropped.</summary>
    public async Task<(long Seen, long Dropped)> ReadCountersAsync(CancellationToken cancellationToken)
    {
        var json = await HostCommand.CheckedAsync("ip", ["netns", "exec", Namespace, "nft", "-j", "list", "counters", "table", "netdev", Table],
            cancellationToken: cancellationToken).ConfigureAwait(false);
        long seen = -1, dropped = -1;
        using var document = JsonDocument.Parse(json);
        foreach (var item in document.RootElement.GetProperty("nftables").EnumerateArray())
        {
            if (item.TryGetProperty("counter", out var counter))
            {
                var packets = counter.GetProperty("packets").GetInt64();
                switch (counter.GetProperty("name").GetString())
                {
                    case SeenCounter: seen = packets; break;
                    case DroppedCounter: dropped = packets; break;
                }
            }
        }

        return seen >= 0 && dropped >= 0 ? (seen, dropped) : throw new InvalidOperationException($"counters missing in: {json}");
    }

    /// <summary>Packets dropped so far.</summary>
    public async Task<long> DroppedAsync(CancellationToken cancellationToken) =>
        (await ReadCountersAsync(cancellationToken).ConfigureAwait(false)).Dropped;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Best effort: the namespace may already be gone (and the table with it).
        await HostCommand.RunAsync("ip", ["netns", "exec", Namespace, "nft", "delete", "table", "netdev", Table]).ConfigureAwait(false);
    }

    public override string ToString() => $"drop {PerMille}/1000 of udp dport {Port} on {Namespace}/{Device} ingress";
}
