using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests.Support.Netns;

/// <summary>
/// Two network namespaces joined by a veth pair: "two hosts" on one machine, <see cref="AddressA"/> and
/// <see cref="AddressB"/> in one /24, each with its own loopback. Names are unique (pid + random), so parallel
/// tests and other test runs do not clash. Disposing deletes both namespaces, which deletes the veth pair.
/// </summary>
public sealed partial class NamespacePair : IAsyncDisposable
{
    public const int PrefixLength = 24;
    public const string InterfaceA = "veth-a";
    public const string InterfaceB = "veth-b";

    private int _disposed;

    private NamespacePair(string nameA, string nameB, IPAddress addressA, IPAddress addressB)
    {
        NameA = nameA;
        NameB = nameB;
        AddressA = addressA;
        AddressB = addressB;
    }

    /// <summary>Non-null ("needs root ...") only when not root; then the tests skip with it.</summary>
    public static string? SkipReason => NetnsTools.SkipReason;

    public string NameA { get; }
    public string NameB { get; }
    /// <summary>Address of <see cref="InterfaceA"/> in namespace A (x.y.z.1).</summary>
    public IPAddress AddressA { get; }
    /// <summary>Address of <see cref="InterfaceB"/> in namespace B (x.y.z.2).</summary>
    public IPAddress AddressB { get; }

    /// <summary>Creates the namespaces, the veth pair, the addresses, and brings lo and the veths up.</summary>
    public static async Task<NamespacePair> CreateAsync(CancellationToken cancellationToken)
    {
        if (SkipReason is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        NetnsTools.EnsureInstalled();
        await RemoveLeftoversAsync(cancellationToken).ConfigureAwait(false);

        // The subnet only has to be valid: namespaces are isolated, so two pairs with one subnet would not meet.
        // Distinct ones still make a failing test's output unambiguous.
        var tag = Random.Shared.Next(0x1000000);
        var prefix = string.Create(CultureInfo.InvariantCulture, $"10.{16 + (tag >> 16) % 224}.{(tag >> 8) & 0xff}");
        var baseName = string.Create(CultureInfo.InvariantCulture, $"as-{Environment.ProcessId}-{tag:x6}");
        var pair = new NamespacePair(baseName + "-a", baseName + "-b", IPAddress.Parse(prefix + ".1"), IPAddress.Parse(prefix + ".2"));
        try
        {
            await pair.SetUpAsync(cancellationToken).ConfigureAwait(false);
            return pair;
        }
        catch
        {
            await pair.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The namespaces `ip netns list` shows now.</summary>
    public static async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        var text = await HostCommand.CheckedAsync("ip", ["netns", "list"], cancellationToken: cancellationToken).ConfigureAwait(false);
        // Lines are "NAME" or "NAME (id: N)".
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ')[0]).ToList();
    }

    /// <summary>Deletes both namespaces (and with them the veth pair); safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Not the test's token: a cancelled or failed test must still clean up.
        var failures = new List<string>();
        foreach (var name in new[] { NameA, NameB })
        {
            var result = await HostCommand.RunAsync("ip", ["netns", "delete", name]).ConfigureAwait(false);
            if (result.ExitCode != 0 && (await ListAsync(CancellationToken.None).ConfigureAwait(false)).Contains(name))
            {
                failures.Add($"{name}: {result.Stderr.Trim()}");
            }
        }

        if (failures.Count > 0)
        {
            throw new InvalidOperationException($"could not delete network namespaces: {string.Join("; ", failures)}");
        }
    }

    public override string ToString() => $"{NameA} ({AddressA}/{PrefixLength} on {InterfaceA}) <-> {NameB} ({AddressB}/{PrefixLength} on {InterfaceB})";

    private async Task SetUpAsync(CancellationToken ct)
    {
        await Ip(ct, "netns", "add", NameA).ConfigureAwait(false);
        await Ip(ct, "netns", "add", NameB).ConfigureAwait(false);
        // Created directly inside the namespaces, so the veth names never exist (and clash) in the root namespace.
        await Ip(ct, "link", "add", InterfaceA, "netns", NameA, "type", "veth", "peer", "name", InterfaceB, "netns", NameB).ConfigureAwait(false);
        foreach (var (ns, device, address) in new[] { (NameA, InterfaceA, AddressA), (NameB, InterfaceB, AddressB) })
        {
            await Ip(ct, "-n", ns, "addr", "add", $"{address}/{PrefixLength}", "dev", device).ConfigureAwait(false);
            await Ip(ct, "-n", ns, "link", "set", "lo", "up").ConfigureAwait(false);
            await Ip(ct, "-n", ns, "link", "set", device, "up").ConfigureAwait(false);
        }
    }

    private static Task<string> Ip(CancellationToken ct, params string[] arguments) =>
        HostCommand.CheckedAsync("ip", arguments, cancellationToken: ct);

    /// <summary>Namespaces of earlier test runs that were killed before they could clean up (their pid is gone).</summary>
    private static async Task RemoveLeftoversAsync(CancellationToken ct)
    {
        foreach (var name in await ListAsync(ct).ConfigureAwait(false))
        {
            if (OurName().Match(name) is { Success: true } match
                && int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) is var pid
                && pid != Environment.ProcessId && !ProcessTree.IsRunning(pid))
            {
                await HostCommand.RunAsync("ip", ["netns", "delete", name], cancellationToken: ct).ConfigureAwait(false);
            }
        }
    }

    [GeneratedRegex("^as-([0-9]+)-[0-9a-f]{6}-[ab]$")]
    private static partial Regex OurName();
}
