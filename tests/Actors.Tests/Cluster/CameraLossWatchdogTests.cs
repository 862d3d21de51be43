using ActorStream.Actors.Cluster;
using ActorStream.Actors.Viewer;
using ActorStream.Actors.Tests.Support;
using ActorStream.Tests.Support;
using Akka.Actor;
using Akka.Configuration;
using Akka.Cluster;

namespace ActorStream.Actors.Tests.Cluster;

/// <summary>
/// The watchdog on a real two-node cluster over loopback TCP: the camera node vanishes as a kill -9 leaves it (no
/// leave, no shutdown phases) and no downing provider settles it, which is the stuck state the watchdog exists for.
/// </summary>
public sealed class CameraLossWatchdogTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    /// <summary>Fast failure detection, and nothing that downs an unreachable member by itself.</summary>
    private const string Member = """
        akka.cluster.downing-provider-class = ""
        akka.cluster.failure-detector.heartbeat-interval = 200ms
        akka.cluster.failure-detector.acceptable-heartbeat-pause = 1s
        akka.cluster.unreachable-nodes-reaper-interval = 200ms
        """;

    /// <summary>A camera that, when terminated, just stops talking (as after kill -9): no leave, no coordinated shutdown.</summary>
    private const string VanishingCamera = """
        akka.coordinated-shutdown.run-by-actor-system-terminate = off
        akka.cluster.run-coordinated-shutdown-when-down = off
        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_viewer_whose_seed_stays_unreachable_and_unresolved_ends_its_actor_system_to_rejoin()
    {
        var (camera, viewer) = await StartClusterAsync(limit: TimeSpan.FromSeconds(1));
        try
        {
            await camera.Terminate();
            await AwaitUnreachableAsync(viewer);
            await viewer.WhenTerminated.WaitAsync(Wait, Token);
            // Ours, or Akka's own shutdown of a node that is Down, whichever ran first: the node starts again either way.
            Assert.True(CoordinatedShutdown.Get(viewer).ShutdownReason is CameraLostReason or CoordinatedShutdown.ClusterDowningReason,
                $"stopped for {CoordinatedShutdown.Get(viewer).ShutdownReason}");
            // It downed itself rather than leave: leaving waits for a leader it cannot reach (10 s of cluster-exiting).
            Assert.Equal(MemberStatus.Down, Akka.Cluster.Cluster.Get(viewer).SelfMember.Status);
        }
        finally
        {
            await viewer.Terminate();
            await camera.Terminate();
        }
    }

    [Fact]
    public async Task A_viewer_whose_unreachable_seed_is_downed_in_time_goes_on()
    {
        var limit = TimeSpan.FromSeconds(1);
        var (camera, viewer) = await StartClusterAsync(limit);
        try
        {
            var cameraAddress = TestSystems.AddressOf(camera);
            await camera.Terminate();
            await AwaitUnreachableAsync(viewer);
            // The cluster resolves it (here by hand, as the Split Brain Resolver does as a rule) before the limit.
            Akka.Cluster.Cluster.Get(viewer).Down(cameraAddress);

            // Well past the limit, the viewer's system still runs: the watchdog only acts on a loss nobody settled.
            var ended = await Task.WhenAny(viewer.WhenTerminated, Task.Delay(limit * 3, Token));
            Assert.NotSame(viewer.WhenTerminated, ended);
            Assert.Null(CoordinatedShutdown.Get(viewer).ShutdownReason);
        }
        finally
        {
            await viewer.Terminate();
            await camera.Terminate();
        }
    }

    private static async Task<(ActorSystem Camera, ActorSystem Viewer)> StartClusterAsync(TimeSpan limit)
    {
        var camera = ActorSystem.Create("actorstream", Config(ViewerSupervisor.CameraRole, VanishingCamera));
        var viewer = ActorSystem.Create("actorstream", Config("viewer", ""));
        TestSystems.JoinSelf(camera);
        Akka.Cluster.Cluster.Get(viewer).Join(TestSystems.AddressOf(camera));
        await Eventually.Until(() => Akka.Cluster.Cluster.Get(viewer).State.Members.Count(m => m.Status == MemberStatus.Up) == 2, Wait,
            "the viewer sees both members up", Token);
        viewer.ActorOf(CameraLossWatchdog.Props(ViewerSupervisor.CameraRole, limit), CameraLossWatchdog.Name);
        return (camera, viewer);
    }

    private static Task AwaitUnreachableAsync(ActorSystem viewer) =>
        Eventually.Until(() => Akka.Cluster.Cluster.Get(viewer).State.Unreachable.Count == 1, Wait, "the viewer sees the camera unreachable", Token);

    private static Config Config(string role, string extra) =>
        ConfigurationFactory.ParseString(extra).WithFallback(ConfigurationFactory.ParseString(Member)).WithFallback(TestSystems.ClusterNode(role));
}
