using ActorStream.Actors.Cluster;
using ActorStream.Actors.Metrics;
using ActorStream.Actors.Tests.Support;
using ActorStream.Actors.Viewer;
using ActorStream.Messages.Metrics;
using ActorStream.Tests.Support;
using Akka.Actor;
using Akka.TestKit.Xunit;

namespace ActorStream.Actors.Tests.Viewer;

/// <summary>
/// A viewer node's /user/viewer (this system, a cluster member-to-be) and a seed (another system on loopback TCP)
/// with a clock 5 s ahead and a real metrics actor: the seed's clock offset goes from the supervisor's clock-sync
/// child to its receiver, and with the receiver's report over the wire to the seed's metrics.
/// </summary>
public sealed class ViewerSupervisorClockTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Ahead = TimeSpan.FromSeconds(5);

    public ViewerSupervisorClockTests()
        : base(TestSystems.ClusterNode("viewer"), "viewer")
    {
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_seeds_clock_offset_reaches_the_receivers_reports_in_the_seeds_metrics()
    {
        var seed = ActorSystem.Create("seed", TestSystems.RemoteNode());
        try
        {
            seed.ActorOf(ClockResponder.Props(new ShiftedTime(Ahead)), ClockResponder.Name);
            var metrics = seed.ActorOf(MetricsActor.Props(MetricsSettings.Default), MetricsActor.Name);
            var receiver = new ReceiverSettings
            {
                Station = "main",
                BindAddress = System.Net.IPAddress.Loopback,
                AdvertisedHost = "127.0.0.1",
                NodeAddress = TestSystems.AddressOf(Sys).ToString(),
                NodePort = TestSystems.AddressOf(Sys).Port ?? 0,
                StatusInterval = TimeSpan.FromMilliseconds(200),
            };
            Sys.ActorOf(ViewerSupervisor.Props(receiver, TestSystems.AddressOf(seed), TimeSpan.FromMilliseconds(200)), ViewerSupervisor.Name);

            ViewerMetrics? viewer = null;
            await Eventually.Until(async () =>
            {
                var snapshot = await metrics.Ask<MetricsSnapshot>(GetMetricsSnapshot.Instance, Wait, Token);
                viewer = snapshot.Viewers.SingleOrDefault(v => v.ClockOffsetMs is not null);
                return viewer is not null;
            }, Wait, "the seed's metrics show the viewer's clock offset", Token);

            Assert.Equal("main", viewer!.Station);
            Assert.Equal(receiver.NodeAddress, viewer.NodeAddress);
            var roundTripMs = viewer.ClockRoundTripMs!.Value;
            Assert.InRange(roundTripMs, 0, 1000);
            // The true offset is 5 s; the estimate is good to half its round trip (and a microsecond of rounding).
            Assert.InRange(viewer.ClockOffsetMs!.Value, Ahead.TotalMilliseconds - roundTripMs / 2 - 1, Ahead.TotalMilliseconds + roundTripMs / 2 + 1);
        }
        finally
        {
            await seed.Terminate().WaitAsync(Wait, CancellationToken.None);
        }
    }
}
