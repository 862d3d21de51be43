using ActorStream.Actors.Rtsp;
using ActorStream.Actors.Tests.Support;
using ActorStream.Media.Ffmpeg;
using ActorStream.Messages.Rtsp;
using Akka.Actor;
using Akka.TestKit.Xunit;

namespace ActorStream.Actors.Tests.Rtsp;

/// <summary>
/// A test's RTSP server (/user/rtsp on loopback, ports the OS picks) with a stand-in stream for station "cam" at
/// /user/stations/cam/rtp, and the actors' log captured.
/// </summary>
public abstract class RtspTestBase : TestKit
{
    protected const string Station = "cam";
    protected static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    protected RtspTestBase(H264TestFrames frames)
        : this(frames, new CapturingLoggerFactory())
    {
    }

    private RtspTestBase(H264TestFrames frames, CapturingLoggerFactory logs)
        : base(TestSystems.LoggingTo(logs))
    {
        Frames = frames;
        Logs = logs;
        Sys.ActorOf(PathStep.Props(Station, PathStep.Props("rtp", StandInRtpStream.Props(frames, Station))), "stations");
    }

    protected H264TestFrames Frames { get; }

    protected CapturingLoggerFactory Logs { get; }

    protected IActorRef Server { get; private set; } = ActorRefs.Nobody;

    protected RtspServerStatus Status { get; private set; } = null!;

    protected static string FfmpegPath => FfmpegInstallation.Locate().FfmpegPath;

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    protected string StationUrl => $"rtsp://127.0.0.1:{Status.Port}/{Station}";

    protected static RtspSettings Settings(Func<RtspSettings, RtspSettings>? change = null)
    {
        var settings = RtspSettings.Default with { Host = "127.0.0.1", Port = 0, RtpPort = 0 };
        return change is null ? settings : change(settings);
    }

    protected async Task StartServerAsync(RtspSettings? settings = null)
    {
        Server = Sys.ActorOf(RtspServer.Props(settings ?? Settings()), "rtsp");
        Status = await Server.Ask<RtspServerStatus>(GetRtspServerStatus.Instance, TimeSpan.FromSeconds(10));
    }

    protected Task<RtspServerStatus> CurrentStatusAsync() => Server.Ask<RtspServerStatus>(GetRtspServerStatus.Instance, TimeSpan.FromSeconds(10));

    protected Task<int> StreamSessionsAsync() =>
        Sys.ActorSelection($"/user/stations/{Station}/rtp").Ask<int>(StandInRtpStream.CountSessions.Instance, TimeSpan.FromSeconds(10));

    /// <summary>SETUP over UDP to <paramref name="udp"/>'s ports and PLAY; returns the session id.</summary>
    protected async Task<string> PlayUdpAsync(RawRtspClient client, RawUdpReceiver udp)
    {
        var setup = await client.RequestAsync("SETUP", $"{StationUrl}/{StandInRtpStream.Control}", $"Transport: RTP/AVP;unicast;client_port={udp.ClientPort}");
        Assert.True(setup.Status == 200, setup.ToString());
        var session = setup.SessionId!;
        var play = await client.RequestAsync("PLAY", StationUrl + "/", $"Session: {session}");
        Assert.True(play.Status == 200, play.ToString());
        return session;
    }
}
