using ActorStream.Actors.Stations;
using ActorStream.Actors.Tests.Support;
using ActorStream.Actors.Viewer;
using ActorStream.Media.Receive;
using ActorStream.Messages.FanOut;
using ActorStream.Messages.Viewer;
using ActorStream.Tests.Support;
using Akka.Actor;
using Akka.TestKit.Xunit;

namespace ActorStream.Actors.Tests.Viewer;

/// <summary>
/// A real station and a real receiver in one actor system, joined only by the subscription messages and a
/// UDP socket, as a seed and a viewer node will be across machines.
/// </summary>
public sealed class ViewerStreamingTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_subscribed_receiver_records_a_stream_that_decodes_and_its_destination_goes_when_it_stops()
    {
        var dir = Directory.CreateTempSubdirectory("actorstream-viewer-");
        try
        {
            var path = Path.Combine(dir.FullName, "recording.ts");
            await using var host = StationHost.Start(this);
            await host.WaitUntilEncodingAsync(Token);
            var receiver = Sys.ActorOf(
                Receiver.Props(Settings() with { Output = OutputSpec.Parse("file:" + path) }, Sys.ActorSelection("/user/main")), "viewer-main");

            var viewer = await ViewerDestinationAsync(host);
            Assert.StartsWith("viewer-127.0.0.1-4300-", viewer.Name, StringComparison.Ordinal);
            // 130 received: the frames before the first keyframe (up to a GOP, 30) cannot decode, 90 more must.
            var status = await WaitForFramesAsync(receiver, 130);
            Assert.True(status.Subscribed);
            Assert.Equal("file:" + path, status.Output);
            Assert.Equal(0, status.OutputErrors);
            Assert.True(status.Bytes > 0 && status.Packets == status.Bytes / 188);
            Assert.True(status.FramesPerSecond > 5, $"fps {status.FramesPerSecond}");
            Assert.True(status.BitsPerSecond > 10_000, $"bps {status.BitsPerSecond}");

            host.Probe.Watch(receiver);
            Sys.Stop(receiver);
            await host.Probe.ExpectTerminatedAsync(receiver, Wait, cancellationToken: Token);
            await Eventually.Until(async () => (await host.ListAsync(Token)).Destinations.All(d => d.Kind != "viewer"), Wait,
                "the stopped receiver's destination is removed", Token);

            // ffmpeg decodes the recording as a file: every frame after the first keyframe (a GOP is 30 frames).
            await using var decoder = DecodingReceiver.Start(host.Ffmpeg.FfmpegPath, path, "recording");
            await decoder.WaitForFramesAsync(89, Wait, Token); // more than 89: at least 90
            Assert.Equal(StationHost.Width, decoder.Width);
            Assert.Equal(StationHost.Height, decoder.Height);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Resubscribe_after_the_station_restarted_gets_the_stream_back()
    {
        await using var host = StationHost.Start(this);
        await host.WaitUntilEncodingAsync(Token);
        // Only Resubscribe may bring it back here: no keep-alive and no retry within the test.
        var settings = Settings() with { KeepAliveInterval = TimeSpan.FromMinutes(10), SubscribeTimeout = TimeSpan.FromMinutes(10) };
        var receiver = Sys.ActorOf(Receiver.Props(settings, Sys.ActorSelection("/user/main")), "viewer-main");
        await ViewerDestinationAsync(host);
        await WaitForFramesAsync(receiver, 30);

        host.Probe.Watch(host.Station);
        Sys.Stop(host.Station);
        await host.Probe.ExpectTerminatedAsync(host.Station, Wait, cancellationToken: Token);
        var stationSettings = host.Settings;
        var ffmpeg = host.Ffmpeg;
        var restarted = Sys.ActorOf(Props.Create(() => new Station(stationSettings, ffmpeg)), "main");
        var pids = new HashSet<int>();
        try
        {
            var list = await restarted.Ask<DestinationList>(ListDestinations.Instance, Wait, Token);
            Assert.DoesNotContain(list.Destinations, d => d.Kind == "viewer");
            var before = (await receiver.Ask<ReceiverStatus>(GetReceiverStatus.Instance, Wait, Token)).Frames;

            receiver.Tell(Resubscribe.Instance, ActorRefs.NoSender);
            await Eventually.Until(async () => (await restarted.Ask<DestinationList>(ListDestinations.Instance, Wait, Token))
                .Destinations.Any(d => d.Kind == "viewer"), Wait, "the restarted station sends to the viewer again", Token);
            var status = await WaitForFramesAsync(receiver, before + 30);
            Assert.True(status.Subscribed);
            var stationStatus = await restarted.Ask<Messages.Stations.StationStatus>(Messages.Stations.GetStationStatus.Instance, Wait, Token);
            pids.UnionWith(new[] { stationStatus.EncoderPid, stationStatus.CapturePid }.OfType<int>());
        }
        finally
        {
            // StationHost only knows the first station's processes: the restarted one's are stopped and checked here.
            Sys.Stop(restarted);
            try
            {
                await Eventually.Until(() => pids.All(p => !ProcessTree.IsRunning(p)), Wait, "the restarted station's ffmpeg processes end", CancellationToken.None);
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

    private static ReceiverSettings Settings() => LoopbackReceiver.Settings(nodePort: 4300);

    private static async Task<DestinationStatus> ViewerDestinationAsync(StationHost host)
    {
        DestinationStatus? viewer = null;
        await Eventually.Until(async () =>
        {
            viewer = (await host.ListAsync(Token)).Destinations.FirstOrDefault(d => d.Kind == "viewer");
            return viewer is not null;
        }, Wait, "the fan-out lists a viewer destination", Token);
        return viewer!;
    }

    private static async Task<ReceiverStatus> WaitForFramesAsync(IActorRef receiver, long frames)
    {
        ReceiverStatus? status = null;
        await Eventually.Until(async () =>
        {
            status = await receiver.Ask<ReceiverStatus>(GetReceiverStatus.Instance, Wait, Token);
            return status.Frames > frames && status.FramesPerSecond > 0;
        }, Wait, $"the receiver counts more than {frames} frames", Token);
        return status!;
    }
}
