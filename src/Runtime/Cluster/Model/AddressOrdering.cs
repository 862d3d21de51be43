using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Cluster.Model;

/// <summary>
/// Akka's Member.addressOrdering: host (ordinal, case-insensitive) then port numerically, then system and protocol.
/// Address.CompareTo compares the text, which would put port 10000 before 9000; cluster ordering needs numbers
/// because the leader and the oldest member are chosen from it on every node alike.
/// </summary>
public sealed class AddressOrdering : IComparer<Address>
{
    /// <summary>The single (stateless) instance.</summary>
    public static readonly AddressOrdering Instance = new();

    private AddressOrdering() { }

    public int Compare(Address? x, Address? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var c = string.Compare(x.Host, y.Host, StringComparison.OrdinalIgnoreCase);
        if (c != 0) return c;
        c = (x.Port ?? -1).CompareTo(y.Port ?? -1);
        if (c != 0) return c;
        c = string.CompareOrdinal(x.System, y.System);
        return c != 0 ? c : string.CompareOrdinal(x.Protocol, y.Protocol);
    }
}
