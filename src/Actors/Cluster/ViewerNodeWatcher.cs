using ActorStream.Actors.Logging;
using ActorStream.Messages.Viewer;
using Akka.Actor;
using Akka.Cluster;
using static Akka.Cluster.ClusterEvent;
using Microsoft.Extensions.Logging;

namespace ActorStream.Actors.Cluster;

/// <summary>
/// On the seed: turns the cluster's verdict on a viewer node (downed, or removed after leaving) into
/// <see cref="ViewerNodeGone"/> for every station, so that node's destinations go at once — by the cluster
/// event, not by a socket timeout (UDP has none).
/// </summary>
public sealed class ViewerNodeWatcher : ReceiveActor
{
    public const string Name = "viewer-node-watcher";

    private readonly IActorRef _stations;
    private readonly ILogger _log;

    public ViewerNodeWatcher(IActorRef stations)
    {
        _stations = stations;
        _log = Context.System.LoggerFactory().CreateLogger<ViewerNodeWatcher>();
        Receive<MemberDowned>(downed => Gone(downed.Member, "downed"));
        Receive<MemberRemoved>(removed => Gone(removed.Member, $"removed (was {removed.PreviousStatus})"));
        Receive<CurrentClusterState>(_ => { });
        ReceiveAny(_ => { });
    }

    protected override void PreStart() => Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, typeof(IMemberEvent));

    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);

    private void Gone(Member member, string why)
    {
        var address = member.UniqueAddress.Address.ToString();
        // Viewers subscribe by address only: if the node was restarted on the same port and its new incarnation
        // is already a member, the destinations at that address are the new one's (the old one's went with its
        // receiver's watch), so keep them.
        if (Akka.Cluster.Cluster.Get(Context.System).State.Members.Any(m => m.UniqueAddress.Address == member.UniqueAddress.Address &&
                                                               m.UniqueAddress.Uid != member.UniqueAddress.Uid))
        {
            _log.LogInformation("Node {Address} {Why}: a newer incarnation is a member, keeping its viewers' destinations", address, why);
            return;
        }

        _log.LogInformation("Node {Address} {Why}: removing its viewers' destinations", address, why);
        _stations.Tell(new ViewerNodeGone(address));
    }
}
