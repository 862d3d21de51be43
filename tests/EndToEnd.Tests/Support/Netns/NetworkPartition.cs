using System.Globalization;
using System.Text.Json;

namespace ActorStream.EndToEnd.Tests.Support.Netns;

/// <summary>
/// A network partition of a <see cref="NamespaceLan"/>: every host of one side drops, on its interface's ingress,
/// every IPv4 packet from the other side (nftables, netdev family), both ways. Nothing is refused or answered:
/// the packets just vanish, as behind a cut cable, so TCP retransmits and times out and the failure detectors see
/// silence. Hosts on the same side still talk. <see cref="HealAsync"/> (or disposing) deletes the rules.
/// </summary>
public sealed class NetworkPartition : IAsyncDisposable
{
    public const string Table = "actorstream_partition";
    private const string DroppedCounter = "dropped";

    private readonly IReadOnlyList<LanHost> _hosts;
    private int _healed;

    private NetworkPartition(IReadOnlyList<LanHost> sideA, IReadOnlyList<LanHost> sideB)
    {
        SideA = sideA;
        SideB = sideB;
        _hosts = [.. sideA, .. sideB];
    }

    public IReadOnlyList<LanHost> SideA { get; }
    public IReadOnlyList<LanHost> SideB { get; }

    /// <summary>Splits the LAN between <paramref name="sideA"/> and <paramref name="sideB"/> (hosts in neither are untouched).</summary>
    public static async Task<NetworkPartition> CreateAsync(IReadOnlyList<LanHost> sideA, IReadOnlyList<LanHost> sideB,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sideA.Count);
        ArgumentOutOfRangeException.ThrowIfZero(sideB.Count);
        if (sideA.Intersect(sideB).Any())
        {
            throw new ArgumentException("a host cannot be on both sides of a partition");
        }

        NetnsTools.EnsureInstalled();
        var partition = new NetworkPartition(sideA, sideB);
        try
        {
            // Every host's rule goes in before the first one is checked, so the split is near simultaneous (a few ms).
            foreach (var (host, others) in sideA.Select(h => (h, sideB)).Concat(sideB.Select(h => (h, sideA))))
            {
                await InstallAsync(host, others, cancellationToken).ConfigureAwait(false);
            }

            return partition;
        }
        catch
        {
            await partition.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Packets dropped so far on each host (by namespace): proof the partition held traffic back.</summary>
    public async Task<IReadOnlyDictionary<string, long>> DroppedAsync(CancellationToken cancellationToken)
    {
        var dropped = new Dictionary<string, long>();
        foreach (var host in _hosts)
        {
            var json = await HostCommand.CheckedAsync("ip",
                ["netns", "exec", host.Namespace, "nft", "-j", "list", "counter", "netdev", Table, DroppedCounter],
                cancellationToken: cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(json);
            dropped[host.Namespace] = document.RootElement.GetProperty("nftables").EnumerateArray()
                .Where(item => item.TryGetProperty("counter", out _))
                .Select(item => item.GetProperty("counter").GetProperty("packets").GetInt64())
                .Single();
        }

        return dropped;
    }

    /// <summary>Deletes every rule: the sides reach each other again. Safe to call twice.</summary>
    public async Task HealAsync()
    {
        if (Interlocked.Exchange(ref _healed, 1) != 0)
        {
            return;
        }

        // Not the test's token: a cancelled or failed test must still heal. A namespace already gone took its table along.
        var failures = new List<string>();
        foreach (var host in _hosts)
        {
            var result = await HostCommand.RunAsync("ip", ["netns", "exec", host.Namespace, "nft", "delete", "table", "netdev", Table])
                .ConfigureAwait(false);
            if (result.ExitCode != 0 && !result.Stderr.Contains("No such file or directory", StringComparison.Ordinal)
                && !result.Stderr.Contains("Cannot open network namespace", StringComparison.Ordinal))
            {
                failures.Add($"{host}: {result.Stderr.Trim()}");
            }
        }

        if (failures.Count > 0)
        {
            throw new InvalidOperationException($"could not delete the partition's rules: {string.Join("; ", failures)}");
        }
    }

    public async ValueTask DisposeAsync() => await HealAsync().ConfigureAwait(false);

    public override string ToString() =>
        $"partition {{{string.Join(", ", SideA.Select(h => h.Address))}}} | {{{string.Join(", ", SideB.Select(h => h.Address))}}}";

    private static async Task InstallAsync(LanHost host, IReadOnlyList<LanHost> others, CancellationToken ct)
    {
        var sources = string.Join(", ", others.Select(o => o.Address.ToString()));
        var script = string.Create(CultureInfo.InvariantCulture, $$"""
            table netdev {{Table}} {
              counter {{DroppedCounter}} { }
              chain ingress {
                type filter hook ingress device "{{NamespaceLan.Interface}}" priority -500; policy accept;
                ip saddr { {{sources}} } counter name "{{DroppedCounter}}" drop
              }
            }

            """);
        await HostCommand.CheckedAsync("ip", ["netns", "exec", host.Namespace, "nft", "-f", "-"], script, cancellationToken: ct)
            .ConfigureAwait(false);
    }
}
