using System.Diagnostics;
using ActorStream.Actors.Pipeline;
using ActorStream.Actors.Stations;
using ActorStream.Media.Ffmpeg;
using ActorStream.Media.Tests.Support;
using ActorStream.Media.Video;
using ActorStream.Messages.Pipeline;
using ActorStream.Messages.Stations;
using ActorStream.Tests.Support;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit;

namespace ActorStream.Actors.Tests.Pipeline;

/// <summary>
/// The OpenCV capture on real files made by ffmpeg: it hands the encoder yuv420p frames of the station's size
/// at the station's rate, plays the file at its own speed and loops it, and names a missing file.
/// </summary>
public sealed class OpenCvCaptureTests : TestKit
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);
    private readonly string _dir = Directory.CreateTempSubdirectory("actorstream-opencv-").FullName;

    /// <summary>The station's format: smaller than the file, so every frame is scaled.</summary>
    private static readonly RawVideoFormat Station = new(160, 120, 25);

    private Task<string> MakeFileAsync(int fps, double seconds) =>
        TestVideos.Mp4Async(Path.Combine(_dir, $"clip-{fps}.mp4"), 320, 240, fps, seconds, TestContext.Current.CancellationToken);

    private static CaptureSettings Settings(string path) =>
        new() { Source = CaptureSource.OpenCvFile(path), Audio = AudioSource.None, Video = Station };

    [Fact]
    public async Task Frames_of_the_stations_size_arrive_at_its_rate_and_the_file_loops_at_its_own_speed()
    {
        // 10 frames a second for one second: at the station's 25 fps, file frame floor(k * 10 / 25) is on show,
        // and after 25 frames (one second) the file starts again.
        var path = await MakeFileAsync(fps: 10, seconds: 1);
        var encoder = CreateTestProbe("encoder");
        var station = CreateTestProbe("station");

        var capture = Sys.ActorOf(OpenCvCapture.Props(Settings(path), encoder, station), "capture");

        var started = station.ExpectMsg<ProcessStarted>(Generous);
        Assert.Equal(("capture", ProcessStarted.InProcess), (started.Role, started.Pid));
        const int count = 60;
        var frames = new List<RawVideoFrame>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            frames.Add(encoder.ExpectMsg<RawVideoFrame>(Generous));
            if (i == 0)
            {
                clock.Restart();
            }
        }

        var fps = (count - 1) / clock.Elapsed.TotalSeconds;
        Assert.InRange(fps, 20, 30);
        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), frames.Select(f => f.Index));
        Assert.All(frames, f => Assert.Equal(Station.FrameSize, f.Data.Length));
        Assert.All(frames, f => Assert.Contains(f.Data.Span[..(Station.Width * Station.Height)].ToArray(), y => y > 16));
        Assert.True(frames.Select(f => f.Data).Distinct().Count() == count, "every frame has a buffer of its own");

        byte[] Picture(int k) => frames[k].Data.ToArray();
        // Output frames 0, 1 and 2 show file frames 0, 0 and 0; frame 3 shows file frame 1, which differs.
        Assert.Equal(Picture(0), Picture(2));
        Assert.NotEqual(Picture(0), Picture(3));
        // One second on, the file has looped: frame 25 is file frame 0 again, and frame 28 file frame 1.
        Assert.Equal(Picture(0), Picture(25));
        Assert.Equal(Picture(3), Picture(28));
        Assert.Equal(Picture(5), Picture(55));

        Sys.Stop(capture);
        Assert.Equal(("capture", ProcessStarted.InProcess), station.ExpectMsg<ProcessStopped>(Generous) is var s ? (s.Role, s.Pid) : default);
        // The reading thread ends at its next frame: after what was in flight, nothing more arrives.
        await encoder.ReceiveWhileAsync(TimeSpan.FromMilliseconds(500), m => m as RawVideoFrame, cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        encoder.ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Without_pacing_frames_come_as_fast_as_OpenCV_decodes()
    {
        var path = await MakeFileAsync(fps: 25, seconds: 1);
        var encoder = CreateTestProbe("encoder");
        var station = CreateTestProbe("station");

        Sys.ActorOf(OpenCvCapture.Props(Settings(path) with { Realtime = false }, encoder, station), "capture");

        station.ExpectMsg<ProcessStarted>(Generous);
        encoder.ExpectMsg<RawVideoFrame>(Generous);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 100; i++)
        {
            encoder.ExpectMsg<RawVideoFrame>(Generous);
        }

        // Four seconds of video at the station's rate, read in far less.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"100 frames took {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public void A_missing_file_fails_the_start_naming_the_file()
    {
        var encoder = CreateTestProbe("encoder");
        var station = CreateTestProbe("station");
        var failures = CreateTestProbe("failures");
        var missing = Path.Combine(_dir, "missing.mp4");

        Sys.ActorOf(Props.Create(() => new ReportingParent(OpenCvCapture.Props(Settings(missing), encoder, station), failures)));

        var failure = failures.ExpectMsg<Exception>(Generous);
        var cause = Assert.IsType<MediaSetupException>(failure is ActorInitializationException init ? init.InnerException : failure);
        Assert.Equal($"Video source file not found: '{missing}'.", cause.Message);
        station.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        encoder.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Audio_asked_of_an_OpenCV_source_fails_the_start_with_a_reason()
    {
        var failures = CreateTestProbe("failures");
        var settings = Settings("/nonexistent.mp4") with { Source = CaptureSource.OpenCvDevice(0), Audio = AudioSource.Sine };

        Sys.ActorOf(Props.Create(() => new ReportingParent(OpenCvCapture.Props(settings, TestActor, TestActor), failures)));

        var failure = failures.ExpectMsg<Exception>(Generous);
        var cause = Assert.IsType<MediaSetupException>(failure.InnerException);
        Assert.Contains("video only (OpenCV captures no audio)", cause.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_station_with_an_OpenCV_file_source_streams_what_ffmpeg_decodes_at_the_stations_size()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = await MakeFileAsync(fps: 25, seconds: 2);
        var ffmpeg = FfmpegInstallation.Locate();
        var port = FreePorts.Udp();
        var video = new RawVideoFormat(240, 160, 25);
        var settings = new StationSettings
        {
            Name = "opencv",
            Capture = Settings(path) with { Video = video },
            Encoder = new EncoderJob(new EncoderSettings { Video = video, BitrateKbps = 800, Audio = false }),
            Destinations = [$"udp://127.0.0.1:{port}"],
        };
        await using var decoded = DecodingReceiver.Start(ffmpeg.FfmpegPath, $"udp://127.0.0.1:{port}", "opencv station");

        var station = Sys.ActorOf(Props.Create(() => new Station(settings, ffmpeg)), "opencv");
        try
        {
            await decoded.WaitForFramesAsync(60, Generous, ct);
            Assert.Equal((240, 160), (decoded.Width, decoded.Height));
            var status = await station.Ask<StationStatus>(GetStationStatus.Instance, TimeSpan.FromSeconds(10), ct);
            // In-process: no pid to show (the test's own would be a kill -9 of it), but up.
            Assert.Null(status.CapturePid);
            Assert.True(status.CaptureInProcess);
            Assert.Equal(0, status.CaptureRestarts);
        }
        finally
        {
            Watch(station);
            Sys.Stop(station);
            ExpectTerminated(station, Generous);
        }
    }

    protected override void Dispose(bool disposing)
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover scratch file must not fail a test.
        }

        base.Dispose(disposing);
    }

    /// <summary>Starts one child and tells every exception it fails with to a probe, stopping it instead of restarting.</summary>
    private sealed class ReportingParent : ReceiveActor
    {
        private readonly IActorRef _failures;

        public ReportingParent(Props child, IActorRef failures)
        {
            _failures = failures;
            Context.ActorOf(child, "child");
        }

        protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(ex =>
        {
            _failures.Tell(ex);
            return Directive.Stop;
        });
    }
}
