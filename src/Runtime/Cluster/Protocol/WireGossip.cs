using System.Collections.Immutable;
using System.Globalization;
using ActorStream.Runtime.Actor;
using ActorStream.Runtime.Cluster.Model;

namespace ActorStream.Runtime.Cluster.Protocol;

/// <summary>A member on the wire: unique address as "address#uid".</summary>
public sealed record WireMember(string Node, string Status, IReadOnlyList<string> Roles, int UpNumber);

/// <summary>One reachability row on the wire.</summary>
public sealed record WireReachabilityRecord(string Observer, string Subject, string Status, long Version);

/// <summary>
/// The gossip as plain data for System.Text.Json (the model types are immutable classes without a wire shape).
/// Every field is validated when it is turned back into a <see cref="Gossip"/>; a bad one fails the whole gossip.
/// </summary>
public sealed record WireGossip(
    IReadOnlyList<WireMember> Members,
    IReadOnlyList<string> Seen,
    IReadOnlyList<WireReachabilityRecord> Records,
    IReadOnlyDictionary<string, long> ReachabilityVersions,
    IReadOnlyDictionary<string, long> Version,
    IReadOnlyDictionary<string, long> Tombstones)
{
    private const int MaxMembers = 1000;

    public static WireGossip From(Gossip gossip) => new(
        gossip.Members.Select(m => new WireMember(m.UniqueAddress.ToString(), m.Status.ToString(), m.Roles.Order(StringComparer.Ordinal).ToList(), m.UpNumber)).ToList(),
        gossip.Overview.Seen.Select(s => s.ToString()).ToList(),
        gossip.Reachability.Records.Select(r => new WireReachabilityRecord(r.Observer.ToString(), r.Subject.ToString(), r.Status.ToString(), r.Version)).ToList(),
        gossip.Reachability.Versions.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value),
        gossip.Version.Versions.ToDictionary(kv => kv.Key, kv => kv.Value),
        gossip.Tombstones.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value));

    /// <summary>The model gossip; throws FormatException for anything malformed.</summary>
    public Gossip ToGossip()
    {
        if (Members is null || Seen is null || Records is null || ReachabilityVersions is null || Version is null || Tombstones is null)
            throw new FormatException("Gossip with a missing field");
        if (Members.Count > MaxMembers || Records.Count > MaxMembers * MaxMembers) throw new FormatException("Gossip too large");
        var members = Members.Select(m => new Member(ParseNode(m.Node), ParseEnum<MemberStatus>(m.Status),
            (m.Roles ?? []).ToHashSet(StringComparer.Ordinal), m.UpNumber));
        var reachability = Reachability.Create(
            Records.Select(r => new ReachabilityRecord(ParseNode(r.Observer), ParseNode(r.Subject), ParseEnum<ReachabilityStatus>(r.Status), r.Version)),
            ReachabilityVersions.Select(kv => new KeyValuePair<UniqueAddress, long>(ParseNode(kv.Key), kv.Value)));
        return new Gossip(
            ImmutableSortedSet.CreateRange(Member.Ordering, members),
            new GossipOverview(Seen.Select(ParseNode).ToImmutableHashSet(), reachability),
            VectorClock.Create(Version),
            Tombstones.ToImmutableDictionary(kv => ParseNode(kv.Key), kv => kv.Value));
    }

    /// <summary>Parses "actorstream://sys@host:port#uid".</summary>
    public static UniqueAddress ParseNode(string text)
    {
        var hash = text?.LastIndexOf('#') ?? -1;
        if (hash <= 0 || !Address.TryParse(text![..hash], out var address) ||
            !long.TryParse(text[(hash + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var uid))
            throw new FormatException($"Not a unique address: '{text}'");
        return new UniqueAddress(address, uid);
    }

    private static T ParseEnum<T>(string text) where T : struct, Enum =>
        Enum.TryParse<T>(text, ignoreCase: false, out var value) && Enum.IsDefined(value) ? value : throw new FormatException($"Not a {typeof(T).Name}: '{text}'");
}
