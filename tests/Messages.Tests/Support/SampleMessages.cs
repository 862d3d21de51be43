using ActorStream.Messages.Chat;
using ActorStream.Messages.Cluster;
using ActorStream.Messages.FanOut;
using ActorStream.Messages.Metrics;
using ActorStream.Messages.Rtsp;
using ActorStream.Messages.Stations;
using ActorStream.Messages.Viewer;

namespace ActorStream.Messages.Tests.Support;

/// <summary>
/// One or more filled-in instances of every registered message that holds no actor ref (those need a live system:
/// see WireRoundTripTests). Edge values on purpose: nulls, empty lists, 33-bit PTS, UTC dates, long extremes.
/// </summary>
internal static class SampleMessages
{
    public static IReadOnlyList<object> All { get; } =
    [
        new AddDestination("udp://127.0.0.1:5000?ttl=2"),
        new DestinationAdded("udp://127.0.0.1:5000", "udp-127.0.0.1-5000", true),
        new DestinationRejected("ftp://x", "Unknown scheme 'ftp'"),
        new RemoveDestination("tcp://10.0.0.1:6000"),
        new DestinationRemoved("tcp://10.0.0.1:6000", "tcp-10.0.0.1-6000"),
        new DestinationNotFound("udp://1.2.3.4:5", "no destination"),
        ListDestinations.Instance,
        new DestinationStatus("udp-127.0.0.1-5000", "udp://127.0.0.1:5000", "udp", 1, 2, 3, 4, 5, true, 0, 1),
        GetStationStatus.Instance,
        new StationStatus("main", 100, 30, 4e6, 2, 0, 1, 0, 1234, null),
        new UnsubscribeViewer("v1"),
        new ViewerSubscribed("v1", "viewer-v1", false),
        new ViewerRejected("v1", "bad port"),
        new ViewerUnsubscribed("v1", "viewer-v1", true),
        new ViewerNodeGone("akka.tcp://actorstream@127.0.0.1:4054"),
        new ViewersRemoved("akka.tcp://actorstream@127.0.0.1:4054", ["v1", "v2"]),
        new ViewersRemoved("akka.tcp://actorstream@127.0.0.1:4055", []),
        Resubscribe.Instance,
        GetReceiverStatus.Instance,
        new ReceiverStatus("v1", "main", true, 5000, 10, 1880, 1, 3, 4e6, 30, new DateTime(2026, 11, 21, 10, 0, 0, DateTimeKind.Utc),
            "null", 0, 0, 1.5, 12.25, 2, 1),
        new ReceiverStatus("v2", "main", false, 5001, 0, 0, 0, 0, 0, 0, null, "file:/tmp/a.ts", 0, 0),
        new StreamClockReport("main", (1L << 33) - 1, new DateTime(2026, 11, 21, 10, 0, 0, 123, DateTimeKind.Utc), 42),
        new ReceiverReport("v1", "main", "akka.tcp://actorstream@10.0.0.7:4054", new DateTime(2026, 11, 21, 10, 0, 1, DateTimeKind.Utc),
            true, 100, 700, 131600, 7, 30, 1, 0, 4.1e6, 29.97, 0.8, [12.5, 13.25, 40], -3.5, 0.4),
        new ReceiverReport("v2", "main", "n", DateTime.UnixEpoch, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, [], null, null),
        GetMetricsSnapshot.Instance,
        new MetricsSnapshot(new DateTime(2026, 11, 21, 10, 0, 2, DateTimeKind.Utc),
            [new StationMetrics("main", 900, 30, 4e6, 3, 0, 0, 1, 2, 0.01, 12.5, 20, 40)],
            [new ViewerMetrics("v1", "main", "n", true, DateTime.UnixEpoch, false, 300, 30, 4e6, 7000, 70, 0.0099, 0.8, 12.5, 20, 40, 300, 1, 0, -3.5, 0.4)],
            [new DestinationMetrics("main", "udp-127.0.0.1-5000", "udp://127.0.0.1:5000", "udp", 1, 2, 3e6, 0, 0, true, 0, 0)]),
        new MetricsSnapshot(DateTime.UnixEpoch, [], [], []),
        new StationMetrics("main", 900, 30, 4e6, 3, 0, 0, 1, 0, 0, null, null, null),
        new ViewerMetrics("v1", "main", "n", false, DateTime.UnixEpoch, true, 0, 0, 0, 0, 0, 0, 0, null, null, null, 0, 0, 0, null, null),
        new DestinationMetrics("main", "tcp-10.0.0.1-6000", "tcp://10.0.0.1:6000", "tcp", 1, 0, 0, 3, 7, false, 0, 2),
        GetClusterMembers.Instance,
        new ClusterMembers("akka.tcp://actorstream@127.0.0.1:4053", "akka.tcp://actorstream@127.0.0.1:4053",
        [
            new ClusterMemberInfo("akka.tcp://actorstream@127.0.0.1:4053", 1234567890123, "Up", ["camera"], true),
            new ClusterMemberInfo("akka.tcp://actorstream@127.0.0.1:4054", -42, "Joining", ["viewer", "camera"], false),
            new ClusterMemberInfo("akka.tcp://actorstream@127.0.0.1:4055", 0, "Down", [], false),
        ]),
        new ClusterMembers("akka.tcp://actorstream@127.0.0.1:4054", null, []),
        new ClockPing(1_763_719_200_123_456),
        new ClockPong(1_763_719_200_123_456, 1_763_719_200_124_000),
        new ClockPong(long.MinValue, long.MaxValue),
        new AddStation(new StationSpec("news", "file:/srv/news.mp4", "none", "h265", "640x360", 25, 1500, "2s", "239.255.0.7:5004")),
        new AddStation(new StationSpec("plain", Unicast: true)),
        new StationAdded(SampleStation),
        new StationRejected("news", "group 239.255.0.7:5004 is taken by station sport"),
        new RemoveStation("news"),
        new StationRemoved("news"),
        new StationNotFound("nope"),
        new StationClosed("news", "removed by an operator"),
        ListStations.Instance,
        new StationList([SampleStation, SampleStation with { Name = "b", Group = null, Properties = SampleStation.Properties with { DurationSeconds = null, Audio = null } }]),
        new StationList([]),
        new SwitchStation("news"),
        Pause.Instance,
        Resume.Instance,
        GetViewingState.Instance,
        new ViewingState("news", false, "239.255.0.7:5004"),
        new ViewingState(null, true, null),
        new ViewerCommandRefused("no station 'x' on the seed"),
        SampleRtspSession,
        SampleRtspSession with { FractionLost = null, CumulativeLost = null, JitterMs = null, RoundTripMs = null, LastReceiverReportUtc = null },
        new MetricsSnapshot(DateTime.UnixEpoch, [], [], []) { RtspSessions = [SampleRtspSession] },
        SampleChatMessage,
        new ChatEvent(long.MaxValue, DateTimeOffset.UnixEpoch, ChatEventKind.MessageHidden, "host", "", 12),
        new ChatEvent(3, new DateTimeOffset(2026, 12, 1, 4, 0, 0, TimeSpan.FromHours(2)), ChatEventKind.NameMuted, "bob", ""),
        new ChatJoined("ann-2", [SampleChatMessage], [SampleAnnouncement], ["ann-2", "bob"], 41),
        new ChatJoined("x", [], [], [], 0),
        new ChatJoined("ann", [], [], ["ann"], 3, 17),
        new LeaveChat("6f9619ff-8b86-d011-b42d-00c04fc964ff"),
        new ChatPresence("bob", false),
        new ChatPresence("bob", true, 18),
        new GetChatMembers(),
        new ChatMembers(["ann", "bob"], 18),
        new PostChatMessage("bob", "hello \u00e9 \U0001F600", "6f9619ff-8b86-d011-b42d-00c04fc964ff"),
        new PostChatMessage("bob", ""),
        new PostChatMessage("bob", "again", "6f9619ff-8b86-d011-b42d-00c04fc964ff", 12),
        new ChatPostRecord(SampleChatMessage, "6f9619ff-8b86-d011-b42d-00c04fc964ff", 12),
        new ChatEventRecorded(SampleAnnouncement),
        new ChatRefused(ChatRefusalReason.RateLimited, "bob: more than 5 messages at once; wait 1 s"),
        new MakeAnnouncement("Stream restarts at 10:00"),
        new WithdrawAnnouncement(7, "host"),
        new HideChatMessage(41),
        new MuteChatName("bob", false, "host"),
        new GetChatHistory(),
        new GetChatHistory(1000, 500),
        new ChatHistory([SampleChatMessage, SampleAnnouncement], true, 41),
        new GetChatEvents(40, 10),
        new ChatEvents([], 0),
        new ChatSequenceTick(41),
        new ChatSequenceTick(41, 18),
        new ChatRoomSnapshot([SampleChatMessage], [41], [SampleAnnouncement], ["bob"]),
        new ChatRoomSnapshot([SampleChatMessage], [], [], [], [new ChatClientPost("6f9619ff-8b86-d011-b42d-00c04fc964ff", 12, 41)]),
        new GetChatAnnouncements(),
        new ChatAnnouncements([SampleAnnouncement], 41),
    ];

    private static ChatEvent SampleChatMessage => new(41, new DateTimeOffset(2026, 12, 1, 3, 10, 0, 123, TimeSpan.Zero), ChatEventKind.Message, "ann-2", "hi \"all\"");

    private static ChatEvent SampleAnnouncement => new(7, new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero), ChatEventKind.Announcement, "host", "Stream restarts at 10:00");

    private static RtspSessionReport SampleRtspSession => new(
        "5f2a9c0d1e3b4a67", "news", "192.168.1.20:51234", "udp", "playing", new DateTime(2026, 11, 21, 10, 0, 0, DateTimeKind.Utc),
        12_345, 15_000_000, 0.0125, 17, 1.5, 0.8, new DateTime(2026, 11, 21, 10, 0, 5, DateTimeKind.Utc));

    private static StationInfo SampleStation => new(
        "news", "file:/srv/news.mp4", "239.255.0.7:5004", 1,
        new StationProperties("h264", 1920, 1080, "16:9", 29.97, 612.5, 4000, "aac 48000 Hz stereo", "ffprobe"),
        "running", 3, 29.9, 4_012_345.5, 1, 123_456);
}
