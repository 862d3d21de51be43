using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests.Support.Netns;

/// <summary>
/// Several "machines" on one switch: a network namespace per host, each with <see cref="Interface"/> on one /24,
/// plugged by a veth pair into a bridge that lives in a namespace of its own (the "switch"), so nothing is added
/// to the machine's own namespace. Names are unique (pid + random). Disposing deletes every namespace, which
/// deletes the veths and the bridge with them.
/// </summary>
/// <remarks>
/// Multicast works between the hosts as on a LAN: each host routes 224.0.0.0/4 out of <see cref="Interface"/> (it has
/// no default route, and without one a multicast send fails with "network unreachable" and a join with "no such
/// device"), so a sender's TTL-1 datagrams and a receiver's IGMP join both use the LAN interface; a sender's own host
/// gets its copy through IP_MULTICAST_LOOP on that interface. The bridge does no IGMP snooping: it floods multicast to
/// every port as an unmanaged switch does (snooping would make delivery depend on IGMP reports reaching it and on a
/// querier this LAN does not have). What a host then receives is decided by its own group memberships, which is what the tests look at (<see cref="GroupsJoinedAsync"/>).
/// </remarks>
public sealed partial class NamespaceLan : IAsyncDisposable
{
    public const int PrefixLength = 24;
    /// <summary>Each host's interface on the LAN.</summary>
    public const string Interface = "eth0";
    private const string Bridge = "br0";
    /// <summary>All IPv4 multicast: routed out of <see cref="Interface"/> on every host.</summary>
    private const string MulticastRange = "224.0.0.0/4";
    private static readonly IPAddress AllHosts = IPAddress.Parse("224.0.0.1");

    private int _disposed;

    private NamespaceLan(string switchNamespace, IReadOnlyList<LanHost> hosts)
    {
        SwitchNamespace = switchNamespace;
        Hosts = hosts;
    }

    /// <summary>The namespace that holds the bridge.</summary>
    public string SwitchNamespace { get; }

    /// <summary>The hosts, addressed x.y.z.1, x.y.z.2, ... in order.</summary>
    public IReadOnlyList<LanHost> Hosts { get; }

    /// <summary>Creates <paramref name="hosts"/> host namespaces and the switch, and brings every link up.</summary>
    public static async Task<NamespaceLan> CreateAsync(int hosts, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hosts, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hosts, 200);
        if (NetnsTools.SkipReason is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        NetnsTools.EnsureInstalled();
        await RemoveLeftoversAsync(cancellationToken).ConfigureAwait(false);

        // Namespaces are isolated, so the subnet only has to be valid; a distinct one makes a failure's output unambiguous.
        var tag = Random.Shared.Next(0x1000000);
        var prefix = string.Create(CultureInfo.InvariantCulture, $"10.{16 + (tag >> 16) % 224}.{(tag >> 8) & 0xff}");
        var baseName = string.Create(CultureInfo.InvariantCulture, $"asl-{Environment.ProcessId}-{tag:x6}");
        var lan = new NamespaceLan(baseName + "-sw", Enumerable.Range(0, hosts)
            .Select(i => new LanHost(string.Create(CultureInfo.InvariantCulture, $"{baseName}-h{i}"),
                IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"{prefix}.{i + 1}"))))
            .ToList());
        try
        {
            await lan.SetUpAsync(cancellationToken).ConfigureAwait(false);
            return lan;
        }
        catch
        {
            await lan.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Deletes every host namespace and the switch; safe to call twice. Processes still inside keep the
    /// namespace alive until they exit, so stop them first.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Not the test's token: a cancelled or failed test must still clean up.
        var failures = new List<string>();
        foreach (var name in Hosts.Select(h => h.Namespace).Append(SwitchNamespace))
        {
            var result = await HostCommand.RunAsync("ip", ["netns", "delete", name]).ConfigureAwait(false);
            if (result.ExitCode != 0 && (await NamespacePair.ListAsync(CancellationToken.None).ConfigureAwait(false)).Contains(name))
            {
                failures.Add($"{name}: {result.Stderr.Trim()}");
            }
        }

        if (failures.Count > 0)
        {
            throw new InvalidOperationException($"could not delete network namespaces: {string.Join("; ", failures)}");
        }
    }

    public override string ToString() => $"LAN {SwitchNamespace}: {string.Join(", ", Hosts)}";

    private async Task SetUpAsync(CancellationToken ct)
    {
        await Ip(ct, "netns", "add", SwitchNamespace).ConfigureAwait(false);
        await Ip(ct, "-n", SwitchNamespace, "link", "add", Bridge, "type", "bridge", "mcast_snooping", "0").ConfigureAwait(false);
        await Ip(ct, "-n", SwitchNamespace, "link", "set", Bridge, "up").ConfigureAwait(false);
        for (var i = 0; i < Hosts.Count; i++)
        {
            var host = Hosts[i];
            var port = string.Create(CultureInfo.InvariantCulture, $"p{i}");
            await Ip(ct, "netns", "add", host.Namespace).ConfigureAwait(false);
            // Created directly inside the namespaces, so the veth names never exist (and clash) in the root namespace.
            await Ip(ct, "link", "add", Interface, "netns", host.Namespace, "type", "veth", "peer", "name", port, "netns", SwitchNamespace)
                .ConfigureAwait(false);
            await Ip(ct, "-n", SwitchNamespace, "link", "set", port, "master", Bridge).ConfigureAwait(false);
            await Ip(ct, "-n", SwitchNamespace, "link", "set", port, "up").ConfigureAwait(false);
            await Ip(ct, "-n", host.Namespace, "addr", "add", $"{host.Address}/{PrefixLength}", "dev", Interface).ConfigureAwait(false);
            await Ip(ct, "-n", host.Namespace, "link", "set", "lo", "up").ConfigureAwait(false);
            await Ip(ct, "-n", host.Namespace, "link", "set", Interface, "up").ConfigureAwait(false);
            await Ip(ct, "-n", host.Namespace, "route", "add", MulticastRange, "dev", Interface).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The IPv4 multicast groups <paramref name="host"/> has joined on <see cref="Interface"/> (`ip maddr`), without the
    /// all-hosts group 224.0.0.1 every interface is in: the host's IGMP memberships, which decide what reaches its sockets.
    /// </summary>
    public static async Task<IReadOnlyList<IPAddress>> GroupsJoinedAsync(LanHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var text = await Ip(cancellationToken, "-n", host.Namespace, "-4", "maddr", "show", "dev", Interface).ConfigureAwait(false);
        // Lines are "\tinet  239.255.0.1" (and "link ..." for the MAC filters).
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith("inet ", StringComparison.Ordinal))
            .Select(line => IPAddress.Parse(line["inet ".Length..].Trim().Split(' ')[0]))
            .Where(group => !group.Equals(AllHosts))
            .ToList();
    }

    private static Task<string> Ip(CancellationToken ct, params string[] arguments) =>
        HostCommand.CheckedAsync("ip", arguments, cancellationToken: ct);

    /// <summary>LANs of earlier test runs that were killed before they could clean up (their pid is gone).</summary>
    private static async Task RemoveLeftoversAsync(CancellationToken ct)
    {
        foreach (var name in await NamespacePair.ListAsync(ct).ConfigureAwait(false))
        {
            if (OurName().Match(name) is { Success: true } match
                && int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) is var pid
                && pid != Environment.ProcessId && !ProcessTree.IsRunning(pid))
            {
                await HostCommand.RunAsync("ip", ["netns", "delete", name], cancellationToken: ct).ConfigureAwait(false);
            }
        }
    }

    [GeneratedRegex("^asl-([0-9]+)-[0-9a-f]{6}-(sw|h[0-9]+)$")]
    private static partial Regex OurName();
}
