using ActorStream.Actors.Metrics;
using ActorStream.Actors.Tests.Support;
using ActorStream.Messages.FanOut;
using ActorStream.Messages.Metrics;
using ActorStream.Messages.Stations;
using Akka.Actor;
using Akka.TestKit.Xunit;

namespace ActorStream.Actors.Tests.Metrics;

/// <summary>The seed's metrics actor in a real actor system, fed hand-made reports on a hand-moved clock.</summary>
public sealed class MetricsActorTests : TestKit
{
    private const string NodeA = "akka.tcp://actorstream@127.0.0.1:4101";
    private static readonly DateTime T0 = new(2026, 11, 21, 10, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly ManualTime _time = new(T0);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    internal static ReceiverReport Report(
        string viewerId, string station = "main", long packets = 1000, long lost = 0, IReadOnlyList<double>? latency = null) =>
        new(viewerId, station, NodeA, T0, Subscribed: true, Datagrams: packets / 7, Packets: packets, Bytes: packets * 188,
            LostPackets: lost, Frames: 300, FrameGaps: 1, DecodeErrors: 2, BitsPerSecond: 1_500_000, FramesPerSecond: 30,
            JitterMs: 1.5, LatencyMs: latency ?? [], ClockOffsetMs: 0.25, ClockRoundTripMs: 0.5);

    private IActorRef Start(MetricsSettings? settings = null) =>
        Sys.ActorOf(MetricsActor.Props(settings ?? MetricsSettings.Default, _time), MetricsActor.Name);

    /// <summary>Moves the clock once the actor has handled everything told so far (the ask queues behind it), so
    /// that a report is stamped with the time it was sent at.</summary>
    private async Task AdvanceAsync(IActorRef metrics, TimeSpan by)
    {
        await metrics.Ask<MetricsSnapshot>(GetMetricsSnapshot.Instance, TimeSpan.FromSeconds(30), Token);
        _time.Advance(by);
    }

    private static async Task<MetricsSnapshot> SnapshotAsync(IActorRef metrics) =>
        await metrics.Ask<MetricsSnapshot>(GetMetricsSnapshot.Instance, Wait, Token);

    [Fact]
    public async Task Snapshot_aggregates_loss_and_latency_per_viewer_and_per_station()
    {
        var metrics = Start();
        await SnapshotAsync(metrics); // started: subscribed to the event stream

        Sys.EventStream.Publish(new StationStatus("main", 500, 30, 1_500_000, 3, 4, 1, 0, 123, 124));
        metrics.Tell(Report("b", packets: 1000, lost: 0, latency: [60, 50]), ActorRefs.NoSender);
        metrics.Tell(Report("a", packets: 900, lost: 100, latency: [40, 10, 30, 20]), ActorRefs.NoSender);
        metrics.Tell(Report("c", station: "alpha", packets: 0, lost: 0), ActorRefs.NoSender);

        var snapshot = await SnapshotAsync(metrics);
        Assert.Equal(T0, snapshot.AtUtc);
        Assert.Equal(["alpha/c", "main/a", "main/b"], snapshot.Viewers.Select(v => $"{v.Station}/{v.ViewerId}"));

        var a = snapshot.Viewers[1];
        Assert.Equal(0.1, a.LossRatio, 12); // 100 / (900 + 100)
        Assert.Equal(20, a.LatencyP50Ms);   // sorted 10 20 30 40: ranks 2, 4, 4
        Assert.Equal(40, a.LatencyP95Ms);
        Assert.Equal(40, a.LatencyP99Ms);
        Assert.Equal(4, a.LatencySamples);
        Assert.False(a.Stale);
        Assert.True(a.Subscribed);
        Assert.Equal(T0, a.LastReportUtc);
        Assert.Equal((300L, 30.0, 1_500_000.0, 1.5, 1L, 2L, 0.25, 0.5), (a.Frames, a.FramesPerSecond, a.BitsPerSecond, a.JitterMs, a.FrameGaps, a.DecodeErrors, a.ClockOffsetMs!.Value, a.ClockRoundTripMs!.Value));

        var b = snapshot.Viewers[2];
        Assert.Equal(0, b.LossRatio);
        Assert.Equal((50.0, 60.0, 60.0), (b.LatencyP50Ms!.Value, b.LatencyP95Ms!.Value, b.LatencyP99Ms!.Value));

        var c = snapshot.Viewers[0];
        Assert.Equal(0, c.LossRatio); // nothing counted yet: 0, not NaN
        Assert.Null(c.LatencyP50Ms);
        Assert.Equal(0, c.LatencySamples);

        Assert.Equal(["alpha", "main"], snapshot.Stations.Select(s => s.Station));
        var main = snapshot.Stations[1];
        Assert.Equal(2, main.Viewers);
        Assert.Equal(0.05, main.LossRatio, 12); // 100 / (1900 + 100)
        // Pooled 10 20 30 40 50 60: ranks ⌈3⌉ = 3, ⌈5.7⌉ = 6, ⌈5.94⌉ = 6.
        Assert.Equal((30.0, 60.0, 60.0), (main.LatencyP50Ms!.Value, main.LatencyP95Ms!.Value, main.LatencyP99Ms!.Value));
        Assert.Equal((500L, 30.0, 1_500_000.0, 3, 4L, 1, 0), (main.FramesEncoded, main.FramesPerSecond, main.BitsPerSecond, main.Destinations, main.Drops, main.EncoderRestarts, main.CaptureRestarts));

        var alpha = snapshot.Stations[0];
        Assert.Equal(1, alpha.Viewers);
        Assert.Equal(0, alpha.FramesEncoded); // no station status from it: its viewers alone
        Assert.Null(alpha.LatencyP50Ms);
    }

    [Fact]
    public async Task A_later_report_replaces_the_figures_and_adds_its_samples_to_the_window()
    {
        var metrics = Start();
        metrics.Tell(Report("a", packets: 100, lost: 0, latency: [10, 10]), ActorRefs.NoSender);
        await AdvanceAsync(metrics, TimeSpan.FromSeconds(1));
        metrics.Tell(Report("a", packets: 150, lost: 50, latency: [90]), ActorRefs.NoSender);

        var viewer = Assert.Single((await SnapshotAsync(metrics)).Viewers);
        Assert.Equal((150L, 50L, 0.25), (viewer.Packets, viewer.LostPackets, viewer.LossRatio));
        Assert.Equal(3, viewer.LatencySamples);
        Assert.Equal(T0.AddSeconds(1), viewer.LastReportUtc);

        // Ten seconds after the first report its samples leave the window; the second's stay.
        await AdvanceAsync(metrics, TimeSpan.FromSeconds(9.5));
        viewer = Assert.Single((await SnapshotAsync(metrics)).Viewers);
        Assert.Equal(1, viewer.LatencySamples);
        Assert.Equal(90, viewer.LatencyP50Ms);
    }

    [Fact]
    public async Task A_silent_viewer_is_stale_after_stale_after_and_forgotten_after_ten_times_that()
    {
        var metrics = Start(MetricsSettings.Default with { StaleAfter = TimeSpan.FromSeconds(3) });
        metrics.Tell(Report("quiet", packets: 900, lost: 100, latency: [5]), ActorRefs.NoSender);
        metrics.Tell(Report("talks", packets: 1000, lost: 0, latency: [7]), ActorRefs.NoSender);

        await AdvanceAsync(metrics, TimeSpan.FromSeconds(2));
        metrics.Tell(Report("talks", packets: 1000, lost: 0), ActorRefs.NoSender);
        var snapshot = await SnapshotAsync(metrics);
        Assert.All(snapshot.Viewers, v => Assert.False(v.Stale));
        Assert.Equal(2, snapshot.Stations.Single().Viewers);

        await AdvanceAsync(metrics, TimeSpan.FromSeconds(1.5)); // quiet: 3.5 s since its report; talks: 1.5 s
        metrics.Tell(Report("talks", packets: 1000, lost: 0), ActorRefs.NoSender);
        snapshot = await SnapshotAsync(metrics);
        Assert.True(snapshot.Viewers.Single(v => v.ViewerId == "quiet").Stale);
        Assert.False(snapshot.Viewers.Single(v => v.ViewerId == "talks").Stale);
        var station = snapshot.Stations.Single();
        // The station counts the viewers reporting now: the stale one's loss and latency are left out.
        Assert.Equal(1, station.Viewers);
        Assert.Equal(0, station.LossRatio);
        Assert.Equal(7, station.LatencyP50Ms);

        await AdvanceAsync(metrics, TimeSpan.FromSeconds(27)); // quiet: 30.5 s > 10 × 3 s
        metrics.Tell(Report("talks", packets: 1000, lost: 0), ActorRefs.NoSender);
        snapshot = await SnapshotAsync(metrics);
        Assert.Equal(["talks"], snapshot.Viewers.Select(v => v.ViewerId));
    }

    [Fact]
    public async Task A_removed_station_leaves_the_snapshot_with_its_viewers_and_destinations_and_late_reports_do_not_bring_it_back()
    {
        var metrics = Start();
        await SnapshotAsync(metrics); // started: subscribed to the event stream
        foreach (var station in new[] { "main", "bars" })
        {
            Sys.EventStream.Publish(new StationStatus(station, 500, 30, 1_500_000, 1, 0, 0, 0, 123, 124));
            Sys.EventStream.Publish(new DestinationsReport(station, T0, [Status($"mcast-{station}", bytes: 1000, kind: "multicast")]));
            metrics.Tell(Report($"v-{station}", station: station), ActorRefs.NoSender);
        }

        var before = await SnapshotAsync(metrics);
        Assert.Equal(["bars", "main"], before.Stations.Select(s => s.Station));

        Sys.EventStream.Publish(new StationRemoved("bars"));
        // What was on its way when the station stopped.
        metrics.Tell(Report("v-bars", station: "bars"), ActorRefs.NoSender);
        Sys.EventStream.Publish(new DestinationsReport("bars", T0, [Status("mcast-bars", bytes: 2000, kind: "multicast")]));

        var after = await SnapshotAsync(metrics);
        Assert.Equal(["main"], after.Stations.Select(s => s.Station));
        Assert.Equal(["main"], after.Viewers.Select(v => v.Station));
        Assert.Equal(["main"], after.Destinations.Select(d => d.Station));

        // Added again under its name: it reports, and is shown again.
        Sys.EventStream.Publish(new StationStatus("bars", 5, 30, 1_000_000, 1, 0, 0, 0, 223, 224));
        metrics.Tell(Report("v-bars", station: "bars"), ActorRefs.NoSender);
        var again = await SnapshotAsync(metrics);
        Assert.Equal(["bars", "main"], again.Stations.Select(s => s.Station));
        Assert.Equal(5, again.Stations[0].FramesEncoded);
        Assert.Equal(1, again.Stations[0].Viewers);
    }

    [Fact]
    public async Task Destination_bit_rate_comes_from_the_byte_delta_of_two_reports()
    {
        var metrics = Start();
        await SnapshotAsync(metrics);

        Sys.EventStream.Publish(new DestinationsReport("main", T0,
        [
            Status("udp-127.0.0.1-5000", bytes: 1000),
            Status("udp-127.0.0.1-5001", bytes: 50),
        ]));
        var first = await SnapshotAsync(metrics);
        Assert.Equal(2, first.Destinations.Count);
        Assert.All(first.Destinations, d => Assert.Equal(0, d.BitsPerSecond)); // one report: no rate yet

        Sys.EventStream.Publish(new DestinationsReport("main", T0.AddSeconds(2),
        [
            Status("udp-127.0.0.1-5000", bytes: 251_000),
            Status("viewer-v1", bytes: 10, kind: "viewer"),
        ]));
        var second = await SnapshotAsync(metrics);
        // 5001 is no longer in the fan-out's report: it was removed.
        Assert.Equal(["udp-127.0.0.1-5000", "viewer-v1"], second.Destinations.Select(d => d.Name));
        var udp = second.Destinations[0];
        Assert.Equal(1_000_000, udp.BitsPerSecond, 6); // 250 000 bytes × 8 / 2 s
        Assert.Equal(("main", 251_000L, "udp", 7, 3L, true), (udp.Station, udp.Bytes, udp.Kind, udp.QueueDepth, udp.Drops, udp.Connected));
        Assert.Equal(0, second.Destinations[1].BitsPerSecond);
        Assert.Equal("viewer", second.Destinations[1].Kind);

        // Fewer bytes: a restarted destination; the rate is 0, not negative.
        Sys.EventStream.Publish(new DestinationsReport("main", T0.AddSeconds(3), [Status("udp-127.0.0.1-5000", bytes: 100)]));
        Assert.Equal(0, Assert.Single((await SnapshotAsync(metrics)).Destinations).BitsPerSecond);
    }

    private static DestinationStatus Status(string name, long bytes, string kind = "udp") =>
        new(name, "udp://127.0.0.1:5000", kind, bytes, bytes / 1316, bytes / 1316, 3, 7, true, 0, 0);

    [Fact]
    public async Task Garbage_reports_are_dropped_or_clamped_and_do_not_break_it()
    {
        var metrics = Start();
        var huge = new string('x', 100_000);
        metrics.Tell(Report(null!), ActorRefs.NoSender);
        metrics.Tell(Report(""), ActorRefs.NoSender);
        metrics.Tell(Report("   "), ActorRefs.NoSender);
        metrics.Tell(Report(huge), ActorRefs.NoSender);
        metrics.Tell(Report("ok-id", station: huge), ActorRefs.NoSender);
        metrics.Tell(Report("no-station", station: null!), ActorRefs.NoSender);
        metrics.Tell(Report("negative", packets: -5, lost: -7) with
        {
            Frames = long.MinValue, BitsPerSecond = double.NaN, FramesPerSecond = double.PositiveInfinity, JitterMs = -1,
            ClockOffsetMs = double.NaN, ClockRoundTripMs = -3, NodeAddress = null!,
        }, ActorRefs.NoSender);
        metrics.Tell(Report("flood", latency: Enumerable.Repeat(12.0, 100_000).ToArray()), ActorRefs.NoSender);
        metrics.Tell(Report("bad-samples", latency: [double.NaN, -4, -5000, double.PositiveInfinity, 1e12, 8]), ActorRefs.NoSender);
        metrics.Tell(Report("no-samples") with { LatencyMs = null! }, ActorRefs.NoSender);
        metrics.Tell(Report("overflow", packets: long.MaxValue, lost: long.MaxValue), ActorRefs.NoSender);

        var snapshot = await SnapshotAsync(metrics);
        Assert.Equal(["bad-samples", "flood", "negative", "no-samples", "overflow"], snapshot.Viewers.Select(v => v.ViewerId));
        var negative = snapshot.Viewers.Single(v => v.ViewerId == "negative");
        Assert.Equal((0L, 0L, 0L, 0.0, 0.0, 0.0, 0.0), (negative.Packets, negative.LostPackets, negative.Frames, negative.BitsPerSecond, negative.FramesPerSecond, negative.JitterMs, negative.LossRatio));
        Assert.Null(negative.ClockOffsetMs);
        Assert.Null(negative.ClockRoundTripMs);
        Assert.Equal("", negative.NodeAddress);
        Assert.Equal(1000, snapshot.Viewers.Single(v => v.ViewerId == "flood").LatencySamples);
        var bad = snapshot.Viewers.Single(v => v.ViewerId == "bad-samples");
        Assert.Equal((2, -4.0, 8.0), (bad.LatencySamples, bad.LatencyP50Ms!.Value, bad.LatencyP99Ms!.Value));
        Assert.Equal(0.5, snapshot.Viewers.Single(v => v.ViewerId == "overflow").LossRatio, 12);
        Assert.All(snapshot.Stations, s => Assert.True(double.IsFinite(s.LossRatio)));
    }

    [Fact]
    public async Task Viewers_tracked_are_capped()
    {
        var metrics = Start();
        for (var i = 0; i < MetricsActor.MaxViewers + 50; i++)
        {
            metrics.Tell(Report($"v{i:D5}", packets: 1), ActorRefs.NoSender);
        }

        // A viewer it already tracks is still updated at the cap.
        await AdvanceAsync(metrics, TimeSpan.FromSeconds(1));
        metrics.Tell(Report("v00000", packets: 99), ActorRefs.NoSender);
        var snapshot = await metrics.Ask<MetricsSnapshot>(GetMetricsSnapshot.Instance, TimeSpan.FromSeconds(30), Token);
        Assert.Equal(MetricsActor.MaxViewers, snapshot.Viewers.Count);
        Assert.DoesNotContain(snapshot.Viewers, v => v.ViewerId == $"v{MetricsActor.MaxViewers:D5}");
        Assert.Equal(99, snapshot.Viewers[0].Packets);
    }
}
