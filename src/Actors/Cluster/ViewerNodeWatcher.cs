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
        // By incarnation: a node restarted on the same address (a new uid) may have subscribed already, and keeps its viewers.
        _log.LogInformation("Node {Address} {Why}: removing its viewers' destinations", address, why);
        _stations.Tell(new ViewerNodeGone(address, member.UniqueAddress.Uid));
    }
}
