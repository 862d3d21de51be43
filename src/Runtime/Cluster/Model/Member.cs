using System.Collections.Immutable;
using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Cluster.Model;

/// <summary>
/// One node as the cluster sees it: identity, status, roles and UpNumber (the order in which it became Up,
/// used for age). Immutable; equality is by UniqueAddress only, as in Akka, so a set holds one view per node.
/// </summary>
public sealed class Member : IEquatable<Member>, IComparable<Member>
{
    /// <summary>Akka's Member.Ordering: by address, then uid.</summary>
    public static readonly IComparer<Member> Ordering = Comparer<Member>.Create((a, b) => a.UniqueAddress.CompareTo(b.UniqueAddress));

    /// <summary>Oldest first (Akka's ageOrdering): lowest UpNumber, ties broken by address.</summary>
    public static readonly IComparer<Member> AgeOrdering = Comparer<Member>.Create((a, b) =>
        a.Equals(b) ? 0 : a.IsOlderThan(b) ? -1 : 1);

    public Member(UniqueAddress uniqueAddress, MemberStatus status, IReadOnlySet<string> roles, int upNumber)
    {
        ArgumentNullException.ThrowIfNull(uniqueAddress);
        ArgumentNullException.ThrowIfNull(roles);
        UniqueAddress = uniqueAddress;
        Status = status;
        Roles = roles as ImmutableHashSet<string> ?? roles.ToImmutableHashSet(StringComparer.Ordinal);
        UpNumber = upNumber;
    }

    /// <summary>A new member in Joining; its UpNumber is int.MaxValue (youngest) until the leader moves it Up.</summary>
    public static Member Create(UniqueAddress uniqueAddress, IEnumerable<string> roles) =>
        new(uniqueAddress, MemberStatus.Joining, roles.ToImmutableHashSet(StringComparer.Ordinal), int.MaxValue);

    public UniqueAddress UniqueAddress { get; }
    public Address Address => UniqueAddress.Address;
    public MemberStatus Status { get; }
    public IReadOnlySet<string> Roles { get; }
    public int UpNumber { get; }

    public bool HasRole(string role) => Roles.Contains(role);

    /// <summary>Same member with a new status; throws when Akka's state diagram forbids the move.</summary>
    public Member Copy(MemberStatus status)
    {
        if (status == Status) return this;
        if (!MemberStatusTransitions.IsAllowed(Status, status))
            throw new InvalidOperationException($"Invalid member status transition {Status} -> {status} for {UniqueAddress}");
        return new Member(UniqueAddress, status, Roles, UpNumber);
    }

    /// <summary>Moves to Up with the given up number (set by the leader).</summary>
    public Member CopyUp(int upNumber) => new Member(UniqueAddress, Status, Roles, upNumber).Copy(MemberStatus.Up);

    /// <summary>True when this member became Up before <paramref name="other"/> (ties: lower address is older).</summary>
    public bool IsOlderThan(Member other) =>
        UpNumber == other.UpNumber
            ? AddressOrdering.Instance.Compare(Address, other.Address) < 0
            : UpNumber < other.UpNumber;

    public int CompareTo(Member? other) => other is null ? 1 : Ordering.Compare(this, other);
    public bool Equals(Member? other) => other is not null && UniqueAddress.Equals(other.UniqueAddress);
    public override bool Equals(object? obj) => obj is Member m && Equals(m);
    public override int GetHashCode() => UniqueAddress.GetHashCode();

    public override string ToString() =>
        $"Member({UniqueAddress}, {Status}, roles=[{string.Join(',', Roles.Order(StringComparer.Ordinal))}], up={UpNumber})";
}
