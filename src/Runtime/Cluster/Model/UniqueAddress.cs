using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Cluster.Model;

/// <summary>
/// A node's address plus the uid of one incarnation of it: a node restarted on the same host:port is a different
/// UniqueAddress, so the cluster treats it as a new member. Ordered by address (AddressOrdering) then uid.
/// </summary>
public sealed record UniqueAddress(Address Address, long Uid) : IComparable<UniqueAddress>
{
    public int CompareTo(UniqueAddress? other)
    {
        if (other is null) return 1;
        var c = AddressOrdering.Instance.Compare(Address, other.Address);
        return c != 0 ? c : Uid.CompareTo(other.Uid);
    }

    public override string ToString() => $"{Address}#{Uid}";
}
