using ActorStream.Runtime.Actor;
using ActorStream.Runtime.Cluster.Model;

namespace ActorStream.Runtime.Tests.Cluster.Model;

/// <summary>Builders of addresses and members for the model tests.</summary>
internal static class Nodes
{
    public static UniqueAddress Node(int port, long uid = 1) => new(new Address("actorstream", "sys", "127.0.0.1", port), uid);

    public static Member M(int port, MemberStatus status = MemberStatus.Up, int upNumber = 0, params string[] roles)
    {
        var m = new Member(Node(port), status, roles.ToHashSet(), upNumber == 0 ? port : upNumber);
        return m;
    }

    public static Member M(UniqueAddress node, MemberStatus status, int upNumber, params string[] roles) =>
        new(node, status, roles.ToHashSet(), upNumber);
}
