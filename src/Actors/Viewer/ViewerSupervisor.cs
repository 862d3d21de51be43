using ActorStream.Messages.Viewer;
using ActorStream.Runtime.Actor;
using ActorStream.Runtime.Cluster;
using ActorStream.Runtime.Cluster.Model;
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
    private readonly ILogger _log;

    /// <param name="receivers">One per station to receive.</param>
    /// <param name="seed">The seed node's address; stations are found at {seed}/user/stations/{station}.</param>
    public ViewerSupervisor(IReadOnlyList<ReceiverSettings> receivers, Address seed)
    {
        _receivers = receivers;
        _seed = seed;
        _log = Context.System.LoggerFactory.CreateLogger<ViewerSupervisor>();
        Receive<MemberUp>(up =>
        {
            if (up.Member.HasRole(CameraRole))
            {
                _log.LogInformation("Camera node {Address} is up: subscribing again", up.Member.UniqueAddress.Address);
                foreach (var child in Context.Children)
                {
                    child.Tell(Resubscribe.Instance, ActorRefs.NoSender);
                }
            }
        });
        Receive<GetReceiverStatus>(query =>
        {
            foreach (var child in Context.Children)
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
            var cluster = Cluster.Get(Context.System);
            var seed = _seed;
            Context.ActorOf(Receiver.Props(settings, station, metrics, () => cluster.ClockOffsetTo(seed)), settings.Station);
        }

        Cluster.Get(Context.System).Subscribe(Self, typeof(IMemberEvent));
    }

    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);
}
