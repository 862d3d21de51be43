using System.Buffers.Binary;
using System.Globalization;
using ActorStream.Media.Rtp;
using ActorStream.Messages.Rtsp;
using Akka.Actor;

namespace ActorStream.Actors.Tests.Rtsp;

/// <summary>
/// Stands in for a station's RTP stream (/user/stations/NAME/rtp) until the real one exists: real H.264 from ffmpeg,
/// packetized once by our H264Packetizer at 30 fps in a loop, every started session handed the same packets from
/// the next keyframe on, with an RtpClock each second. It keeps to the contract in RtpStreamMessages.cs.
/// </summary>
public sealed class StandInRtpStream : ReceiveActor, IWithTimers
{
    public const string Control = "trackID=0";
    private const int MaxPayload = 1400;

    private readonly H264TestFrames _frames;
    private readonly string _station;
    private readonly uint _ssrc = (uint)Random.Shared.Next();
    private readonly H264Packetizer _packetizer;
    private readonly RtpPacketWriter _writer;
    private readonly HashSet<IActorRef> _starting = new();
    private readonly HashSet<IActorRef> _playing = new();
    private long _frame;

    public StandInRtpStream(H264TestFrames frames, string station)
    {
        _frames = frames;
        _station = station;
        _writer = new RtpPacketWriter(_ssrc, 96, (ushort)Random.Shared.Next(65536), (uint)Random.Shared.Next());
        _packetizer = new H264Packetizer(_writer, MaxPayload);

        Receive<DescribeRtpStream>(describe => Sender.Tell(new RtpStreamDescribed(Sdp(describe), [Track], false)));
        Receive<StartRtp>(_ =>
        {
            _playing.Remove(Sender);
            if (_starting.Add(Sender)) Context.Watch(Sender);
        });
        Receive<StopRtp>(_ => Forget(Sender));
        Receive<JoinRtpMulticast>(_ => Sender.Tell(new RtpStreamUnavailable("the stand-in stream has no multicast group")));
        Receive<Terminated>(t => Forget(t.ActorRef));
        Receive<FrameTick>(_ => NextFrame());
        Receive<ClockTick>(_ =>
        {
            var clock = new RtpClock(0, _ssrc, DateTime.UtcNow, _writer.RtpTimestamp(_frame * (90_000 / H264TestFrames.Fps)), 90_000);
            foreach (var session in _playing) session.Tell(clock);
        });
        Receive<CountSessions>(_ => Sender.Tell(_playing.Count + _starting.Count));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public RtpTrackInfo Track => new(0, Control, "video", 90_000, _ssrc);

    public static Props Props(H264TestFrames frames, string station) => Akka.Actor.Props.Create(() => new StandInRtpStream(frames, station));

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer("frame", FrameTick.Instance, TimeSpan.FromSeconds(1.0 / H264TestFrames.Fps));
        Timers.StartPeriodicTimer("clock", ClockTick.Instance, TimeSpan.FromSeconds(1));
    }

    private void Forget(IActorRef session)
    {
        _starting.Remove(session);
        _playing.Remove(session);
    }

    private void NextFrame()
    {
        var index = (int)(_frame % _frames.AccessUnits.Count);
        var keyframe = _frames.Keyframes[index];
        var packets = _packetizer.Packetize(_frames.AccessUnits[index], _frame * (90_000 / H264TestFrames.Fps));
        _frame++;
        if (keyframe && _starting.Count > 0)
        {
            var first = packets[0];
            var start = new RtpStarted([new RtpTrackStart(0, Control, _ssrc,
                BinaryPrimitives.ReadUInt16BigEndian(first.AsSpan(2)), BinaryPrimitives.ReadUInt32BigEndian(first.AsSpan(4)), 90_000)]);
            foreach (var session in _starting)
            {
                session.Tell(start);
                _playing.Add(session);
            }

            _starting.Clear();
        }

        var batch = new RtpBatch(0, keyframe, packets);
        foreach (var session in _playing) session.Tell(batch);
    }

    private string Sdp(DescribeRtpStream describe)
    {
        var inv = CultureInfo.InvariantCulture;
        return string.Join("\r\n",
        [
            "v=0", $"o=- 1 1 IN IP4 {describe.ServerAddress}", $"s={_station}", "c=IN IP4 0.0.0.0", "t=0 0",
            "a=control:*", "a=range:npt=now-",
            "m=video 0 RTP/AVP 96", "a=rtpmap:96 H264/90000",
            string.Create(inv, $"a=fmtp:96 packetization-mode=1;profile-level-id={_frames.Sets.ProfileLevelId};sprop-parameter-sets={_frames.Sets.SpropParameterSets}"),
            $"a=control:{Control}", string.Empty,
        ]);
    }

    /// <summary>Answered with the number of sessions the stream sends to (or will at the next keyframe).</summary>
    public sealed record CountSessions
    {
        public static CountSessions Instance { get; } = new();
    }

    private sealed record FrameTick
    {
        public static FrameTick Instance { get; } = new();
    }

    private sealed record ClockTick
    {
        public static ClockTick Instance { get; } = new();
    }
}

/// <summary>An actor that only makes one child, to put a stand-in at a path such as /user/stations/NAME/rtp.</summary>
public sealed class PathStep : ReceiveActor
{
    public PathStep(string childName, Props childProps)
    {
        var child = Context.ActorOf(childProps, childName);
        ReceiveAny(message => child.Forward(message));
    }

    public static Props Props(string childName, Props childProps) => Akka.Actor.Props.Create(() => new PathStep(childName, childProps));
}
