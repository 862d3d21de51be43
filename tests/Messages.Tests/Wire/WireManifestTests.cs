using ActorStream.Messages.Cluster;
using ActorStream.Messages.FanOut;
using ActorStream.Messages.Metrics;
using ActorStream.Messages.Stations;
using ActorStream.Messages.Viewer;
using ActorStream.Messages.Wire;

namespace ActorStream.Messages.Tests.Wire;

/// <summary>Manifests are the protocol between nodes of different builds: renaming one breaks a mixed cluster.</summary>
public sealed class WireManifestTests
{
    [Fact]
    public void Every_message_keeps_its_published_manifest()
    {
        // Written out, not derived: a rename in WireRegistry must fail here.
        var expected = new Dictionary<Type, string>
        {
            [typeof(AddDestination)] = "fanout.add-destination",
            [typeof(DestinationAdded)] = "fanout.destination-added",
            [typeof(DestinationRejected)] = "fanout.destination-rejected",
            [typeof(RemoveDestination)] = "fanout.remove-destination",
            [typeof(DestinationRemoved)] = "fanout.destination-removed",
            [typeof(DestinationNotFound)] = "fanout.destination-not-found",
            [typeof(ListDestinations)] = "fanout.list-destinations",
            [typeof(DestinationList)] = "fanout.destination-list",
            [typeof(DestinationStatus)] = "fanout.destination-status",
            [typeof(GetStationStatus)] = "station.get-status",
            [typeof(StationStatus)] = "station.status",
            [typeof(SubscribeViewer)] = "viewer.subscribe",
            [typeof(ViewerSubscribed)] = "viewer.subscribed",
            [typeof(ViewerRejected)] = "viewer.rejected",
            [typeof(UnsubscribeViewer)] = "viewer.unsubscribe",
            [typeof(ViewerUnsubscribed)] = "viewer.unsubscribed",
            [typeof(ViewerNodeGone)] = "viewer.node-gone",
            [typeof(ViewersRemoved)] = "viewer.removed",
            [typeof(Resubscribe)] = "viewer.resubscribe",
            [typeof(GetReceiverStatus)] = "viewer.get-receiver-status",
            [typeof(ReceiverStatus)] = "viewer.receiver-status",
            [typeof(StreamClockReport)] = "metrics.stream-clock",
            [typeof(ReceiverReport)] = "metrics.receiver-report",
            [typeof(GetMetricsSnapshot)] = "metrics.get-snapshot",
            [typeof(MetricsSnapshot)] = "metrics.snapshot",
            [typeof(StationMetrics)] = "metrics.station",
            [typeof(ViewerMetrics)] = "metrics.viewer",
            [typeof(DestinationMetrics)] = "metrics.destination",
            [typeof(GetClusterMembers)] = "cluster.get-members",
            [typeof(ClusterMembers)] = "cluster.members",
            [typeof(ClockPing)] = "clock.ping",
            [typeof(ClockPong)] = "clock.pong",
            [typeof(AddStation)] = "station.add",
            [typeof(StationAdded)] = "station.added",
            [typeof(StationRejected)] = "station.rejected",
            [typeof(RemoveStation)] = "station.remove",
            [typeof(StationRemoved)] = "station.removed",
            [typeof(StationNotFound)] = "station.not-found",
            [typeof(StationClosed)] = "station.closed",
            [typeof(ListStations)] = "station.list",
            [typeof(StationList)] = "station.list-reply",
            [typeof(SwitchStation)] = "viewer.switch-station",
            [typeof(Pause)] = "viewer.pause",
            [typeof(Resume)] = "viewer.resume",
            [typeof(GetViewingState)] = "viewer.get-viewing-state",
            [typeof(ViewingState)] = "viewer.viewing-state",
            [typeof(ViewerCommandRefused)] = "viewer.command-refused",
            [typeof(Rtsp.RtspSessionReport)] = "metrics.rtsp-session",
            [typeof(Chat.ChatEvent)] = "chat.event",
            [typeof(Chat.JoinChat)] = "chat.join",
            [typeof(Chat.ChatJoined)] = "chat.joined",
            [typeof(Chat.LeaveChat)] = "chat.leave",
            [typeof(Chat.ChatPresence)] = "chat.presence",
            [typeof(Chat.PostChatMessage)] = "chat.post",
            [typeof(Chat.ChatEventRecorded)] = "chat.recorded",
            [typeof(Chat.ChatRefused)] = "chat.refused",
            [typeof(Chat.MakeAnnouncement)] = "chat.announce",
            [typeof(Chat.WithdrawAnnouncement)] = "chat.withdraw-announcement",
            [typeof(Chat.HideChatMessage)] = "chat.hide",
            [typeof(Chat.MuteChatName)] = "chat.mute",
            [typeof(Chat.GetChatHistory)] = "chat.get-history",
            [typeof(Chat.ChatHistory)] = "chat.history",
            [typeof(Chat.GetChatEvents)] = "chat.get-events",
            [typeof(Chat.ChatEvents)] = "chat.events",
            [typeof(Chat.ChatSequenceTick)] = "chat.sequence-tick",
            [typeof(Chat.ChatRoomSnapshot)] = "chat.room-snapshot",
            [typeof(Chat.GetChatAnnouncements)] = "chat.get-announcements",
            [typeof(Chat.ChatAnnouncements)] = "chat.announcements",
            [typeof(Chat.ChatPostRecord)] = "chat.post-record",
            [typeof(Chat.GetChatMembers)] = "chat.get-members",
            [typeof(Chat.ChatMembers)] = "chat.members",
        };

        var actual = WireSerializer.Registry.Types.ToDictionary(
            t => t, t => WireSerializer.Registry.TryGetManifest(t, out var m) ? m : "");

        Assert.Equal(expected.OrderBy(e => e.Value), actual.OrderBy(e => e.Value));
    }

    [Fact]
    public void Video_is_not_registered_for_remoting()
    {
        // Frames and chunks go over UDP/TCP sockets; through remoting they would flood the association.
        foreach (var video in new[] { typeof(Pipeline.EncodedChunk), typeof(Pipeline.RawVideoFrame), typeof(Pipeline.RawAudioChunk) })
        {
            Assert.False(WireSerializer.Registry.TryGetManifest(video, out _), video.Name);
        }
    }
}
