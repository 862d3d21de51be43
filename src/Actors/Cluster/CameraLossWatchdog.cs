using ActorStream.Actors.Logging;
using Akka.Actor;
using Akka.Cluster;
using static Akka.Cluster.ClusterEvent;
using Microsoft.Extensions.Logging;

namespace ActorStream.Actors.Cluster;

/// <summary>
/// On a viewer or chat node: when the camera member (the seed) has stayed unreachable for <c>limit</c> and the
/// cluster has not resolved it, stops this node's actor system, so that the node starts a new one and joins the
/// seed afresh. The Split Brain Resolver downs such a node after stable-after (1.5 s) as a rule; but a seed restarted
/// on the same address keeps asking to join the old cluster as a new incarnation, which can keep the unreachable set
/// "unstable" for good (seen: a chat client stuck for over 60 s after a kill -9 of the seed, 2 runs in 10).
/// It downs its own node first: a node that is Down skips the cluster-leave phases of its shutdown, which otherwise
/// wait for a leader that cannot be reached (measured: 10 s more before the node could start again).
/// </summary>
public sealed class CameraLossWatchdog : ReceiveActor, IWithTimers
{
    public const string Name = "camera-loss-watchdog";

    private readonly string _cameraRole;
    private readonly TimeSpan _limit;
    private readonly ILogger _log;
    private readonly HashSet<UniqueAddress> _unreachableCameras = [];

    public CameraLossWatchdog(string cameraRole, TimeSpan limit)
    {
        _cameraRole = cameraRole;
        _limit = limit;
        _log = Context.System.LoggerFactory().CreateLogger<CameraLossWatchdog>();
        Receive<UnreachableMember>(m => Unreachable(m.Member));
        Receive<ReachableMember>(m => Settled(m.Member));
        Receive<MemberRemoved>(m => Settled(m.Member));
        Receive<MemberDowned>(m => Settled(m.Member));
        Receive<CurrentClusterState>(state =>
        {
            foreach (var member in state.Unreachable)
            {
                Unreachable(member);
            }
        });
        Receive<Expired>(expired =>
        {
            if (!_unreachableCameras.Contains(expired.Camera))
            {
                return;
            }

            _log.LogWarning("The seed {Seed} has been unreachable for {Limit} and the cluster has not resolved it: this node starts again and rejoins",
                expired.Camera.Address, _limit);
            var cluster = Akka.Cluster.Cluster.Get(Context.System);
            cluster.Down(cluster.SelfAddress);
            Timers.StartSingleTimer(SelfDownTimeout.Instance, SelfDownTimeout.Instance, SelfDownWait);
            Become(DowningSelf);
        });
        ReceiveAny(_ => { });
    }

    /// <summary>How long the node waits to see itself Down before it stops anyway (leaving the slow way).</summary>
    private static TimeSpan SelfDownWait => TimeSpan.FromSeconds(2);

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string cameraRole, TimeSpan limit) => Akka.Actor.Props.Create(() => new CameraLossWatchdog(cameraRole, limit));

    protected override void PreStart() =>
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, InitialStateAsSnapshot, typeof(IReachabilityEvent), typeof(IMemberEvent));

    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);

    /// <summary>Stops the node once it sees itself Down (then its shutdown does not try to leave).</summary>
    private void DowningSelf()
    {
        var self = Akka.Cluster.Cluster.Get(Context.System).SelfUniqueAddress;
        Receive<MemberDowned>(m => m.Member.UniqueAddress.Equals(self), _ => Stop());
        Receive<MemberRemoved>(m => m.Member.UniqueAddress.Equals(self), _ => Stop());
        Receive<SelfDownTimeout>(_ => Stop());
        ReceiveAny(_ => { });
    }

    private void Stop() => CoordinatedShutdown.Get(Context.System).Run(CameraLostReason.Instance);

    private void Unreachable(Member member)
    {
        if (member.HasRole(_cameraRole) && _unreachableCameras.Add(member.UniqueAddress))
        {
            Timers.StartSingleTimer(member.UniqueAddress, new Expired(member.UniqueAddress), _limit);
        }
    }

    private void Settled(Member member)
    {
        if (_unreachableCameras.Remove(member.UniqueAddress))
        {
            Timers.Cancel(member.UniqueAddress);
        }
    }

    private sealed record Expired(UniqueAddress Camera);

    private sealed class SelfDownTimeout
    {
        public static readonly SelfDownTimeout Instance = new();
    }
}
