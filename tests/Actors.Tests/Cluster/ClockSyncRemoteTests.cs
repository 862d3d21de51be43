using ActorStream.Actors.Cluster;
using ActorStream.Actors.Tests.Support;
using ActorStream.Messages.Cluster;
using Akka.Actor;
using Akka.TestKit.Xunit;

namespace ActorStream.Actors.Tests.Cluster;

/// <summary>
/// The clock-sync pair as nodes run it: the viewer's <see cref="ClockSync"/> in this system pings the seed's
/// /user/clock in another system over loopback TCP, every ping and pong through the wire serializer.
/// </summary>
public sealed class ClockSyncRemoteTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Ahead = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Rounding = TimeSpan.FromMilliseconds(1);

    public ClockSyncRemoteTests()
        : base(TestSystems.RemoteNode(), "viewer")
    {
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_viewer_estimates_the_offset_of_a_seed_clock_five_seconds_ahead_over_the_wire()
    {
        var seed = ActorSystem.Create("seed", TestSystems.RemoteNode());
        try
        {
            seed.ActorOf(ClockResponder.Props(new ShiftedTime(Ahead)), ClockResponder.Name);
            var parent = CreateTestProbe("viewer");
            var seedClock = Sys.ActorSelection($"{TestSystems.AddressOf(seed)}/user/{ClockResponder.Name}");
            await parent.ChildActorOfAsync(ClockSync.Props(seedClock, TimeSpan.FromMilliseconds(200)), ClockSync.Name, Token);

            // A few samples: the first exchange over a new association is the slowest, the estimator keeps the fastest.
            var estimate = await parent.FishForMessageAsync<ClockOffsetEstimated>(e => e.Samples >= 3, Wait, cancellationToken: Token);
            Assert.InRange(estimate.RoundTrip, TimeSpan.Zero, TimeSpan.FromSeconds(1));
            var bound = estimate.RoundTrip / 2 + Rounding;
            Assert.InRange(estimate.Offset, Ahead - bound, Ahead + bound);
        }
        finally
        {
            await seed.Terminate().WaitAsync(Wait, CancellationToken.None);
        }
    }
}
