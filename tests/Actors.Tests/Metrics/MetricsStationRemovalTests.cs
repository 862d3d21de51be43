using ActorStream.Actors.Metrics;
using ActorStream.Actors.Stations;
using ActorStream.Media.Ffmpeg;
using ActorStream.Messages.Metrics;
using ActorStream.Messages.Stations;
using ActorStream.Tests.Support;
using Akka.Actor;
using Akka.TestKit.Xunit;

namespace ActorStream.Actors.Tests.Metrics;

/// <summary>
/// The metrics actor beside a real stations supervisor: two test-pattern stations at 160x120 on loopback groups;
/// `station remove` of one takes it out of the metrics at once (not after the forget-after of silent sources).
/// </summary>
public sealed class MetricsStationRemovalTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_station_removed_from_the_supervisor_leaves_the_metrics_snapshot_while_the_other_stays()
    {
        // Forgetting a silent station takes 10 × stale-after: an hour here, so only the removal can drop it.
        var metrics = Sys.ActorOf(MetricsActor.Props(MetricsSettings.Default with { StaleAfter = TimeSpan.FromMinutes(6) }), MetricsActor.Name);
        var multicast = SmallStations.LoopbackMulticast();
        var ffmpeg = FfmpegInstallation.Locate();
        IReadOnlyList<StationSettings> stations = [SmallStations.Settings("keep", "testsrc"), SmallStations.Settings("gone", "testsrc:smptebars")];
        Func<StationSpec, StationSettings> build = _ => throw new InvalidOperationException("no station is added in this test");
        var supervisor = Sys.ActorOf(Props.Create(() => new StationsSupervisor(stations, ffmpeg, multicast, build, TimeSpan.FromSeconds(2))),
            StationsSupervisor.Name);

        await Eventually.Until(async () =>
        {
            var snapshot = await metrics.Ask<MetricsSnapshot>(GetMetricsSnapshot.Instance, Wait, Token);
            return snapshot.Stations.Count(s => s.FramesEncoded > 0) == 2 && snapshot.Destinations.Select(d => d.Station).Distinct().Count() == 2;
        }, Wait, "both stations encode and report their groups to the metrics", Token);

        supervisor.Tell(new RemoveStation("gone"), TestActor);
        await ExpectMsgAsync<StationRemoved>(Wait, cancellationToken: Token);

        // Removed means stopped, and the notice was published before the answer was sent: the next snapshot is clean.
        var after = await metrics.Ask<MetricsSnapshot>(GetMetricsSnapshot.Instance, Wait, Token);
        Assert.Equal(["keep"], after.Stations.Select(s => s.Station));
        Assert.Equal(["keep"], after.Destinations.Select(d => d.Station).Distinct());
    }
}
