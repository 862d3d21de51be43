using ActorStream.Actors.Logging;
using ActorStream.Actors.Cluster;
using ActorStream.Messages.Cluster;
using ActorStream.Messages.Viewer;
using Akka.Actor;
using Akka.Cluster;
using static Akka.Cluster.ClusterEvent;
using Microsoft.Extensions.Logging;

namespace ActorStream.Actors.Viewer;

/// <summary>
/// /user/viewer on a viewer node: one <see cref="Receiver"/> child per station it watches. When a camera node
/// comes Up (the seed started again), every receiver subscribes again at once instead of waiting for its
/// keep-alive, so viewers get the stream back without being restarted.
/// </summary>
public sealed class ViewerSupervisor : ReceiveActor
{
    public const string Name = "viewer";
    public const string CameraRole = "camera";

    private readonly IReadOnlyList<ReceiverSettings> _receivers;
    private readonly Address _seed;
    private readonly TimeSpan _clockSyncInterval;
    private readonly ILogger _log;

    /// <param name="receivers">One per station to receive.</param>
    /// <param name="seed">The seed node's address; stations are found at {seed}/user/stations/{station}.</param>
    /// <param name="clockSyncInterval">Time between pings of the seed's clock.</param>
    public ViewerSupervisor(IReadOnlyList<ReceiverSettings> receivers, Address seed, TimeSpan clockSyncInterval)
    {
        _clockSyncInterval = clockSyncInterval;
        _receivers = receivers;
        _seed = seed;
        _log = Context.System.LoggerFactory().CreateLogger<ViewerSupervisor>();
        Receive<MemberUp>(up =>
        {
            if (up.Member.HasRole(CameraRole))
            {
                _log.LogInformation("Camera node {Address} is up: subscribing again", up.Member.UniqueAddress.Address);
                foreach (var child in Receivers())
                {
                    child.Tell(Resubscribe.Instance, ActorRefs.NoSender);
                }
            }
        });
        // The seed's clock, as the clock-sync child estimates it: every receiver needs it for latency.
        Receive<ClockOffsetEstimated>(offset =>
        {
            foreach (var child in Receivers())
            {
                child.Tell(offset, ActorRefs.NoSender);
            }
        });
        Receive<GetReceiverStatus>(query =>
        {
            foreach (var child in Receivers())
            {
                child.Forward(query);
            }
        });
        ReceiveAny(_ => { });
    }

    protected override void PreStart()
    {
        foreach (var settings in _receivers)
        {
            // A selection by path, not a ref: only a path finds the station again after the seed restarted.
            var station = Context.System.ActorSelection($"{_seed}/user/stations/{settings.Station}");
            var metrics = Context.System.ActorSelection($"{_seed}/user/{Metrics.MetricsActor.Name}");
            Context.ActorOf(Receiver.Props(settings, station, metrics), settings.Station);
        }

        Context.ActorOf(ClockSync.Props(Context.System.ActorSelection($"{_seed}/user/{ClockResponder.Name}"), _clockSyncInterval), ClockSync.Name);

        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, typeof(IMemberEvent));
    }

    public static Props Props(IReadOnlyList<ReceiverSettings> receivers, Address seed, TimeSpan clockSyncInterval) =>
        Akka.Actor.Props.Create(() => new ViewerSupervisor(receivers, seed, clockSyncInterval));

    private IEnumerable<IActorRef> Receivers() => Context.GetChildren().Where(child => child.Path.Name != ClockSync.Name);

    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
}
