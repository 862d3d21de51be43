using ActorStream.Actors.FanOut;
using ActorStream.Actors.Pipeline;
using ActorStream.Actors.Stations;
using ActorStream.Media.Ffmpeg;
using ActorStream.Media.Video;
using ActorStream.Messages.FanOut;
using ActorStream.Messages.Stations;
using Akka.Actor;
using Akka.TestKit;

namespace ActorStream.Tests.Support;

/// <summary>
/// A real station in the test's actor system: test-pattern capture and encoder ffmpeg processes, a fan-out with
/// real sockets. Small pictures so that two cores can also run the decoding receivers. Disposing stops the
/// station and waits for it to terminate, which stops (kills) its ffmpeg processes; their pids are then checked
/// to be gone.
/// </summary>
public sealed class StationHost : IAsyncDisposable
{
    public const int Width = 320;
    public const int Height = 240;

    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(10);

    private readonly HashSet<int> _pidsSeen = [];

    private StationHost(TestKitBase kit, VideoCodec codec, FanOutSettings fanOut, bool audio)
    {
        Ffmpeg = FfmpegInstallation.Locate();
        var video = new RawVideoFormat(Width, Height, 30);
        Settings = new StationSettings
        {
            Name = "main",
            Capture = new CaptureSettings { Video = video, Audio = audio ? AudioSource.Sine : AudioSource.None },
            Encoder = new EncoderJob(new EncoderSettings { Video = video, Codec = codec, BitrateKbps = 1500, Audio = audio }),
            FanOut = fanOut,
            // Quick restarts: the tests wait for a killed ffmpeg to come back.
            MinBackoff = TimeSpan.FromMilliseconds(200),
            MaxBackoff = TimeSpan.FromSeconds(2),
        };
        var settings = Settings;
        var ffmpeg = Ffmpeg;
        Station = kit.Sys.ActorOf(Props.Create(() => new Station(settings, ffmpeg)), "main");
        Probe = kit.CreateTestProbe("replies");
    }

    public FfmpegInstallation Ffmpeg { get; }

    public StationSettings Settings { get; }

    public IActorRef Station { get; }

    /// <summary>Sender of the test's commands: replies land here.</summary>
    public TestProbe Probe { get; }

    /// <param name="kit">The test's kit: the station runs in its system, and the probe is one of its probes.</param>
    public static StationHost Start(TestKitBase kit, VideoCodec codec = VideoCodec.H264, FanOutSettings? fanOut = null, bool audio = false) =>
        new(kit, codec, fanOut ?? new FanOutSettings { ReconnectMin = TimeSpan.FromMilliseconds(100), ReconnectMax = TimeSpan.FromMilliseconds(500) }, audio);

    public async Task<StationStatus> StatusAsync(CancellationToken cancellationToken)
    {
        var status = await Station.Ask<StationStatus>(GetStationStatus.Instance, TimeSpan.FromSeconds(10), cancellationToken);
        lock (_pidsSeen)
        {
            if (status.EncoderPid is { } e) _pidsSeen.Add(e);
            if (status.CapturePid is { } c) _pidsSeen.Add(c);
        }

        return status;
    }

    /// <summary>Waits until both ffmpeg processes run and the encoder has produced frames.</summary>
    public async Task<StationStatus> WaitUntilEncodingAsync(CancellationToken cancellationToken)
    {
        StationStatus? status = null;
        await Eventually.Until(async () =>
        {
            status = await StatusAsync(cancellationToken);
            return status.FramesEncoded > 0 && status.EncoderPid is not null && status.CapturePid is not null;
        }, TimeSpan.FromSeconds(30), "the station encodes frames", cancellationToken);
        return status!;
    }

    public async Task<object> CommandAsync(object command, CancellationToken cancellationToken)
    {
        Station.Tell(command, Probe.Ref);
        return await Probe.FishForMessageAsync(
            m => m is DestinationAdded or DestinationRejected or DestinationRemoved or DestinationNotFound,
            TimeSpan.FromSeconds(10), cancellationToken: cancellationToken);
    }

    public async Task<DestinationAdded> AddAsync(string uri, CancellationToken cancellationToken)
    {
        var reply = await CommandAsync(new AddDestination(uri), cancellationToken);
        return reply as DestinationAdded ?? throw new InvalidOperationException($"Adding {uri} answered {reply}");
    }

    public async Task<DestinationList> ListAsync(CancellationToken cancellationToken) =>
        await Station.Ask<DestinationList>(ListDestinations.Instance, TimeSpan.FromSeconds(10), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        // The test's system lives on until the test class is disposed: the station is stopped here, and waited for.
        try
        {
            Probe.Watch(Station);
            Probe.Sys.Stop(Station);
            await Probe.FishForMessageAsync(m => m is Terminated t && t.ActorRef.Equals(Station), StopWait);
        }
        finally
        {
            await CheckProcessesEndedAsync();
        }
    }

    private async Task CheckProcessesEndedAsync()
    {
        int[] pids;
        lock (_pidsSeen)
        {
            pids = _pidsSeen.ToArray();
        }

        // The station kills its ffmpeg processes when it stops; a leftover is a bug, and is killed here anyway.
        try
        {
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
