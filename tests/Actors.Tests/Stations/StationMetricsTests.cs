using ActorStream.Actors.FanOut;
using ActorStream.Actors.Metrics;
using ActorStream.Actors.Pipeline;
using ActorStream.Actors.Stations;
using ActorStream.Media.Ffmpeg;
using ActorStream.Media.Video;
using ActorStream.Messages.FanOut;
using ActorStream.Messages.Metrics;
using ActorStream.Messages.Stations;
using ActorStream.Messages.Viewer;
using ActorStream.Tests.Support;
using Akka.Actor;
using Akka.TestKit.Xunit;

namespace ActorStream.Actors.Tests.Stations;

/// <summary>
/// A real station (test-pattern capture and encoder ffmpeg) and the metrics actor in one actor system: the
/// station publishes its status, its fan-out its destinations, the metrics actor puts them together, and a
/// stream clock report given to the station reaches a subscribed viewer's receiver.
/// </summary>
public sealed class StationMetricsTests : TestKit
{
    private const string Node = "akka.tcp://actorstream@127.0.0.1:4101";
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Station_and_fan_out_figures_reach_the_metrics_actor_and_the_clock_reaches_the_receiver()
    {
        var ct = TestContext.Current.CancellationToken;
        var pids = new HashSet<int>();
        IActorRef station = ActorRefs.Nobody;
        try
        {
            var video = new RawVideoFormat(160, 120, 30);
            var settings = new StationSettings
            {
                Name = "main",
                Capture = new CaptureSettings { Video = video, Audio = AudioSource.None },
                Encoder = new EncoderJob(new EncoderSettings { Video = video, Codec = VideoCodec.H264, BitrateKbps = 500 }),
                FanOut = new FanOutSettings { StatusInterval = TimeSpan.FromMilliseconds(250) },
            };
            var ffmpeg = FfmpegInstallation.Locate();
            var statuses = CreateTestProbe("statuses");
            Sys.EventStream.Subscribe(statuses.Ref, typeof(StationStatus));
            var metrics = Sys.ActorOf(MetricsActor.Props(MetricsSettings.Default with { Interval = TimeSpan.FromMilliseconds(250) }), MetricsActor.Name);
            await metrics.Ask<MetricsSnapshot>(GetMetricsSnapshot.Instance, Generous, ct); // subscribed before the station runs
            station = Sys.ActorOf(Props.Create(() => new Station(settings, ffmpeg)), "main");

            using var plain = new DatagramCounter();
            using var viewerSocket = new DatagramCounter();
            var receiver = CreateTestProbe("receiver");
            station.Tell(new AddDestination($"udp://127.0.0.1:{plain.Port}"), receiver.Ref);
            await receiver.ExpectMsgAsync<DestinationAdded>(Generous, cancellationToken: ct);
            station.Tell(new SubscribeViewer("v1", "127.0.0.1", viewerSocket.Port, receiver.Ref, Node), receiver.Ref);
            await receiver.ExpectMsgAsync<ViewerSubscribed>(Generous, cancellationToken: ct);

            // The station publishes without being asked, and its figures grow as the encoder runs.
            var status = await statuses.FishForMessageAsync<StationStatus>(s =>
            {
                if (s.EncoderPid is { } e) pids.Add(e);
                if (s.CapturePid is { } c) pids.Add(c);
                return s.FramesEncoded > 0 && s.FramesPerSecond > 0;
            }, Generous, cancellationToken: ct);
            Assert.Equal("main", status.Station);
            Assert.Equal(2, status.Destinations);

            // The encoder's own clock report goes through the fan-out to the viewer's receiver: a PTS and the capture
            // time it stands for, within the last few seconds.
            var clock = await receiver.FishForMessageAsync<StreamClockReport>(r => r.Station == "main", Generous, cancellationToken: ct);
            Assert.InRange(clock.CaptureUtc, DateTime.UtcNow.AddSeconds(-30), DateTime.UtcNow.AddSeconds(1));
            Assert.InRange(clock.Pts, 0, (1L << 33) - 1);

            MetricsSnapshot? snapshot = null;
            await Eventually.Until(async () =>
            {
                snapshot = await metrics.Ask<MetricsSnapshot>(GetMetricsSnapshot.Instance, Generous, ct);
                return snapshot.Stations.Any(s => s.FramesEncoded > 0)
                       && snapshot.Destinations.Count == 2 && snapshot.Destinations.All(d => d.BitsPerSecond > 0);
            }, Generous, "the metrics actor has the station's frames and both destinations' bit rates", ct);
            var row = Assert.Single(snapshot!.Stations);
            Assert.Equal(("main", 2), (row.Station, row.Destinations));
            Assert.Equal([$"udp-127.0.0.1-{plain.Port}", "viewer-v1"], snapshot.Destinations.Select(d => d.Name));
            Assert.All(snapshot.Destinations, d => Assert.Equal("main", d.Station));
            // 500 kb/s asked of the encoder; the measured rate is of that order (loose: a test pattern compresses well).
            Assert.All(snapshot.Destinations, d => Assert.InRange(d.BitsPerSecond, 1_000, 20_000_000));
        }
        finally
        {
            try
            {
                // Stopped, the station kills its ffmpeg processes: wait for it, then check that they are gone.
                if (!station.IsNobody())
                {
                    Watch(station);
                    Sys.Stop(station);
                    await FishForMessageAsync(m => m is Terminated t && t.ActorRef.Equals(station), Generous);
                }

                await Eventually.Until(() => pids.All(p => !ProcessTree.IsRunning(p)), TimeSpan.FromSeconds(10),
                    "the station's ffmpeg processes end", CancellationToken.None);
            }
            finally
            {
                foreach (var pid in pids.Where(ProcessTree.IsRunning))
                {
                    ProcessTree.Kill9(pid);
                }
            }
        }
    }
}
