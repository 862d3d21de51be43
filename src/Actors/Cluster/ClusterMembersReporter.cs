using ActorStream.Messages.Cluster;
using Akka.Actor;

namespace ActorStream.Actors.Cluster;

/// <summary>
/// The seed's /user/cluster-members: answers <see cref="GetClusterMembers"/> (from `actorstream nodes`, which is no
/// member and so cannot read Akka.Cluster's state itself) with Akka.Cluster's view from this node: members, roles,
/// status, reachability and leader.
/// </summary>
public sealed class ClusterMembersReporter : ReceiveActor
{
    public const string Name = "cluster-members";

    public ClusterMembersReporter()
    {
        Receive<GetClusterMembers>(_ =>
        {
            var cluster = Akka.Cluster.Cluster.Get(Context.System);
            var state = cluster.State;
            var unreachable = state.Unreachable.Select(m => m.UniqueAddress).ToHashSet();
            var members = state.Members
                .Select(m => new ClusterMemberInfo(
                    m.Address.ToString(), m.UniqueAddress.Uid, m.Status.ToString(), m.Roles.Order(StringComparer.Ordinal).ToArray(),
                    !unreachable.Contains(m.UniqueAddress)))
                .ToArray();
            Sender.Tell(new ClusterMembers(cluster.SelfAddress.ToString(), state.Leader?.ToString(), members));
        });
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new ClusterMembersReporter());
}
