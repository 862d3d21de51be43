using ActorStream.Actors.Metrics;
using ActorStream.Messages.Metrics;
using ActorStream.Messages.Rtsp;
using ActorStream.Messages.Stations;
using Akka.Actor;
using Akka.TestKit.Xunit;

namespace ActorStream.Actors.Tests.Metrics;

/// <summary>RTSP sessions' reports, published on the event stream as sessions do, in the metrics snapshot.</summary>
public sealed class MetricsRtspSessionTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_session_report_is_in_the_snapshot_until_the_session_closes()
    {
        var metrics = Sys.ActorOf(MetricsActor.Props(MetricsSettings.Default), "metrics");
        var report = new RtspSessionReport("s1", "news", "127.0.0.1:50000", "udp", "playing", DateTime.UtcNow, 100, 120_000, 0.02, 3, 1.2, 0.4, DateTime.UtcNow);
        var other = report with { SessionId = "s2", Station = "sport", Transport = "tcp", FractionLost = null };

        // Published after the actor has subscribed (its snapshot answer comes after its PreStart).
        await metrics.Ask<MetricsSnapshot>(GetMetricsSnapshot.Instance, Wait, Token);
        Sys.EventStream.Publish(report);
        Sys.EventStream.Publish(other);
        Sys.EventStream.Publish(report with { PacketsSent = 200 });
        var snapshot = await metrics.Ask<MetricsSnapshot>(GetMetricsSnapshot.Instance, Wait, Token);

        Assert.Equal([("news", "s1", 200L), ("sport", "s2", 100L)], snapshot.RtspSessions.Select(r => (r.Station, r.SessionId, r.PacketsSent)));

        Sys.EventStream.Publish(report with { State = "closed" });
        Sys.EventStream.Publish(new StationRemoved("sport"));
        snapshot = await metrics.Ask<MetricsSnapshot>(GetMetricsSnapshot.Instance, Wait, Token);

        Assert.Empty(snapshot.RtspSessions);
    }
}
