using System.Net;
using ActorStream.Actors.FanOut;
using ActorStream.Actors.Pipeline;
using ActorStream.Actors.Rtsp;
using ActorStream.Actors.Stations;
using ActorStream.Actors.Tests.Support;
using ActorStream.Media.Ffmpeg;
using ActorStream.Media.Multicast;
using ActorStream.Media.Video;
using ActorStream.Messages.Rtsp;
using ActorStream.Messages.Stations;
using ActorStream.Tests.Support;
using Akka.Actor;
using Akka.TestKit.Xunit;

namespace ActorStream.Actors.Tests.Rtsp;

/// <summary>
/// The whole seed side with no stand-in: a real station (capture and encoder ffmpeg, H.264 with AAC audio) whose rtp
/// child packetizes the encoder's output, our RTSP server, and ffmpeg playing it over UDP, TCP and multicast at once.
/// </summary>
public sealed class RtspRealStationTests : TestKit
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(45);

    [Theory]
    [InlineData(VideoCodec.H264)]
    [InlineData(VideoCodec.H265)]
    public async Task Ffmpeg_decodes_a_real_station_over_udp_and_tcp_and_multicast_reaches_the_group(VideoCodec codec)
    {
        var token = TestContext.Current.CancellationToken;
        var ffmpeg = FfmpegInstallation.Locate();
        var video = new RawVideoFormat(320, 240, 30);
        var multicastPort = FreePorts.Udp() & ~1;
        var rtsp = RtspSettings.Default with { Host = "127.0.0.1", Port = 0, RtpPort = 0, MulticastPort = multicastPort };
        var settings = new StationSettings
        {
            Name = "main",
            Capture = new CaptureSettings { Video = video, Audio = AudioSource.Sine },
            Encoder = new EncoderJob(new EncoderSettings { Video = video, Codec = codec, BitrateKbps = 1000, Audio = true }),
            FanOut = new FanOutSettings(),
            Rtsp = rtsp,
            Group = new MulticastGroup(IPAddress.Parse($"239.255.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}"), 5004),
            Multicast = new MulticastSettings { Ttl = 1, Interface = IPAddress.Loopback },
            MinBackoff = TimeSpan.FromMilliseconds(200),
            MaxBackoff = TimeSpan.FromSeconds(2),
        };
        var stations = Sys.ActorOf(PathStep.Props("main", Props.Create(() => new Station(settings, ffmpeg))), "stations");
        var server = Sys.ActorOf(RtspServer.Props(rtsp), "rtsp");
        var status = await server.Ask<RtspServerStatus>(GetRtspServerStatus.Instance, TimeSpan.FromSeconds(10), token);
        var url = $"rtsp://127.0.0.1:{status.Port}/main";
        await WaitForStreamAsync(token);
        try
        {
            await using var udp = DecodingReceiver.Start(ffmpeg.FfmpegPath, url, "rtsp udp", "-rtsp_transport", "udp");
            await using var tcp = DecodingReceiver.Start(ffmpeg.FfmpegPath, url, "rtsp tcp", "-rtsp_transport", "tcp");
            var receivers = new[] { udp, tcp };

            // Multicast: ffmpeg would join on the default route's interface, and a test sends only on loopback, so a raw
            // client sets up and plays the multicast session and a socket joined on loopback counts the group's packets.
            await using var client = await RawRtspClient.ConnectAsync(status.Port);
            var describe = await client.RequestAsync("DESCRIBE", url);
            Assert.Equal(200, describe.Status);
            Assert.Contains(codec == VideoCodec.H264 ? "H264/90000" : "H265/90000", describe.Body);
            Assert.Contains("mpeg4-generic", describe.Body);
            var setup = await client.RequestAsync("SETUP", url + "/trackID=0", "Transport: RTP/AVP;multicast");
            Assert.True(setup.Status == 200, setup.ToString());
            Assert.Contains($"destination={settings.Group.Address}", setup["Transport"]);
            Assert.Contains($"port={multicastPort}-{multicastPort + 1}", setup["Transport"]);
            Assert.Contains("ttl=1", setup["Transport"]);
            using var group = DatagramCounter.JoinGroup(settings.Group.Address, multicastPort);
            var play = await client.RequestAsync("PLAY", url + "/", $"Session: {setup.SessionId}");
            Assert.True(play.Status == 200, play.ToString());
            Assert.NotNull(play["RTP-Info"]);

            await Task.WhenAll(receivers.Select(r => r.WaitForFramesAsync(90, Generous, token)));
            Assert.All(receivers, r => Assert.Equal((320, 240), (r.Width, r.Height)));
            await Eventually.Until(() => group.Datagrams > 100, Generous, "RTP on the station's group", token);
            Assert.Equal(3, (await server.Ask<RtspServerStatus>(GetRtspServerStatus.Instance, TimeSpan.FromSeconds(10), token)).Sessions);

            // kill -9 of the encoder: the station restarts it and the same sessions receive frames again, no reconnecting.
            var station = await Sys.ActorSelection("/user/stations/main").ResolveOne(TimeSpan.FromSeconds(5), token);
            var before = await station.Ask<StationStatus>(GetStationStatus.Instance, TimeSpan.FromSeconds(10), token);
            ProcessTree.Kill9(before.EncoderPid!.Value);
            await Eventually.Until(async () =>
            {
                var now = await station.Ask<StationStatus>(GetStationStatus.Instance, TimeSpan.FromSeconds(10), token);
                return now.EncoderPid is { } pid && pid != before.EncoderPid;
            }, Generous, "the encoder restarts", token);
            var frames = receivers.Select(r => r.Frames).ToArray();
            await Task.WhenAll(receivers.Select((r, i) => r.WaitForFramesAsync(frames[i] + 60, Generous, token)));
            Assert.Equal(3, (await server.Ask<RtspServerStatus>(GetRtspServerStatus.Instance, TimeSpan.FromSeconds(10), token)).Sessions);
        }
        finally
        {
            Watch(stations);
            Sys.Stop(stations);
            ExpectTerminated(stations, TimeSpan.FromSeconds(15));
        }

        // With its station gone, every session has ended.
        await Eventually.Until(async () =>
            (await server.Ask<RtspServerStatus>(GetRtspServerStatus.Instance, TimeSpan.FromSeconds(10), token)).Sessions == 0,
            Generous, "sessions end with the station", token);
    }

    /// <summary>Time from sending PLAY to the first RTP packet, for each way a session may start; printed, and bounded by the GOP.</summary>
    [Theory]
    [InlineData("next-keyframe")]
    [InlineData("cached-gop")]
    public async Task Time_from_play_to_the_first_packet(string sessionStart)
    {
        var token = TestContext.Current.CancellationToken;
        var ffmpeg = FfmpegInstallation.Locate();
        var video = new RawVideoFormat(320, 240, 30);
        var rtsp = RtspSettings.Default with { Host = "127.0.0.1", Port = 0, RtpPort = 0, SessionStart = sessionStart };
        var settings = new StationSettings
        {
            Name = "main",
            Capture = new CaptureSettings { Video = video, Audio = AudioSource.None },
            Encoder = new EncoderJob(new EncoderSettings { Video = video, Codec = VideoCodec.H264, BitrateKbps = 1000 }),
            FanOut = new FanOutSettings(),
            Rtsp = rtsp,
            Unicast = true,
        };
        var stations = Sys.ActorOf(PathStep.Props("main", Props.Create(() => new Station(settings, ffmpeg))), "stations");
        var server = Sys.ActorOf(RtspServer.Props(rtsp), "rtsp");
        var status = await server.Ask<RtspServerStatus>(GetRtspServerStatus.Instance, TimeSpan.FromSeconds(10), token);
        var url = $"rtsp://127.0.0.1:{status.Port}/main";
        await WaitForStreamAsync(token);
        var firstPacket = new List<double>();
        var answer = new List<double>();
        try
        {
            await using var client = await RawRtspClient.ConnectAsync(status.Port);
            Assert.Equal(200, (await client.RequestAsync("DESCRIBE", url)).Status);
            for (var trial = 0; trial < 8; trial++)
            {
                using var udp = RawUdpReceiver.Open();
                var setup = await client.RequestAsync("SETUP", url + "/trackID=0", $"Transport: RTP/AVP;unicast;client_port={udp.ClientPort}");
                Assert.Equal(200, setup.Status);
                var sent = DateTime.UtcNow;
                Assert.Equal(200, (await client.RequestAsync("PLAY", url + "/", $"Session: {setup.SessionId}")).Status);
                answer.Add((DateTime.UtcNow - sent).TotalMilliseconds);
                await Eventually.Until(() => udp.FirstRtpUtc is not null, Generous, "first RTP packet", token);
                firstPacket.Add((udp.FirstRtpUtc!.Value - sent).TotalMilliseconds);
                Assert.Equal(200, (await client.RequestAsync("TEARDOWN", url + "/", $"Session: {setup.SessionId}")).Status);
                await Task.Delay(Random.Shared.Next(100, 700), token);
            }
        }
        finally
        {
            Watch(stations);
            Sys.Stop(stations);
            ExpectTerminated(stations, TimeSpan.FromSeconds(15));
        }

        static double Percentile(List<double> values, double p) => values.Order().ElementAt((int)Math.Ceiling(p * values.Count) - 1);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{sessionStart}: PLAY to first RTP p50 {Percentile(firstPacket, 0.5):0} ms p95 {Percentile(firstPacket, 0.95):0} ms; " +
            $"PLAY answered p50 {Percentile(answer, 0.5):0} ms p95 {Percentile(answer, 0.95):0} ms");
        Assert.True(Percentile(firstPacket, 0.95) < 3000, string.Join(", ", firstPacket.Select(v => v.ToString("0"))));
    }

    /// <summary>The station makes its rtp child as it starts; a client asking before that is told 404.</summary>
    private async Task WaitForStreamAsync(CancellationToken token) =>
        await Eventually.Until(async () =>
        {
            try
            {
                await Sys.ActorSelection("/user/stations/main/rtp").ResolveOne(TimeSpan.FromSeconds(1), token);
                return true;
            }
            catch (ActorNotFoundException)
            {
                return false;
            }
        }, Generous, "the station's rtp stream exists", token);
}
