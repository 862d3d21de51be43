using ActorStream.Messages.Chat;
using ActorStream.Messages.Cluster;
using ActorStream.Messages.FanOut;
using ActorStream.Messages.Metrics;
using ActorStream.Messages.Rtsp;
using ActorStream.Messages.Stations;
using ActorStream.Messages.Viewer;

namespace ActorStream.Messages.Wire;

/// <summary>
/// Every message of src/Messages that crosses nodes, under a stable manifest (the wire never carries a CLR type
/// name). Video (EncodedChunk, RawVideoFrame, RawAudioChunk) never travels by remoting and is not here.
/// <see cref="WireSerializer"/> serializes exactly these, and its HOCON binds each of them to it.
/// Manifests are part of the protocol: never rename one; add new messages at the end of the list.
/// </summary>
public static class WireRegistry
{
    public static MessageRegistry Create()
    {
        var registry = new MessageRegistry();
        RegisterAll(registry);
        return registry;
    }

    public static void RegisterAll(MessageRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register<AddDestination>("fanout.add-destination");
        registry.Register<DestinationAdded>("fanout.destination-added");
        registry.Register<DestinationRejected>("fanout.destination-rejected");
        registry.Register<RemoveDestination>("fanout.remove-destination");
        registry.Register<DestinationRemoved>("fanout.destination-removed");
        registry.Register<DestinationNotFound>("fanout.destination-not-found");
        registry.Register<ListDestinations>("fanout.list-destinations");
        registry.Register<DestinationList>("fanout.destination-list");
        registry.Register<DestinationStatus>("fanout.destination-status");
        registry.Register<GetStationStatus>("station.get-status");
        registry.Register<StationStatus>("station.status");
        registry.Register<SubscribeViewer>("viewer.subscribe");
        registry.Register<ViewerSubscribed>("viewer.subscribed");
        registry.Register<ViewerRejected>("viewer.rejected");
        registry.Register<UnsubscribeViewer>("viewer.unsubscribe");
        registry.Register<ViewerUnsubscribed>("viewer.unsubscribed");
        registry.Register<ViewerNodeGone>("viewer.node-gone");
        registry.Register<ViewersRemoved>("viewer.removed");
        registry.Register<Resubscribe>("viewer.resubscribe");
        registry.Register<GetReceiverStatus>("viewer.get-receiver-status");
        registry.Register<ReceiverStatus>("viewer.receiver-status");
        registry.Register<StreamClockReport>("metrics.stream-clock");
        registry.Register<ReceiverReport>("metrics.receiver-report");
        registry.Register<GetMetricsSnapshot>("metrics.get-snapshot");
        registry.Register<MetricsSnapshot>("metrics.snapshot");
        registry.Register<StationMetrics>("metrics.station");
        registry.Register<ViewerMetrics>("metrics.viewer");
        registry.Register<DestinationMetrics>("metrics.destination");
        registry.Register<GetClusterMembers>("cluster.get-members");
        registry.Register<ClusterMembers>("cluster.members");
        registry.Register<ClockPing>("clock.ping");
        registry.Register<ClockPong>("clock.pong");
        registry.Register<AddStation>("station.add");
        registry.Register<StationAdded>("station.added");
        registry.Register<StationRejected>("station.rejected");
        registry.Register<RemoveStation>("station.remove");
        registry.Register<StationRemoved>("station.removed");
        registry.Register<StationNotFound>("station.not-found");
        registry.Register<StationClosed>("station.closed");
        registry.Register<ListStations>("station.list");
        registry.Register<StationList>("station.list-reply");
        registry.Register<SwitchStation>("viewer.switch-station");
        registry.Register<Pause>("viewer.pause");
        registry.Register<Resume>("viewer.resume");
        registry.Register<GetViewingState>("viewer.get-viewing-state");
        registry.Register<ViewingState>("viewer.viewing-state");
        registry.Register<ViewerCommandRefused>("viewer.command-refused");
        registry.Register<RtspSessionReport>("metrics.rtsp-session");
        registry.Register<ChatEvent>("chat.event");
        registry.Register<JoinChat>("chat.join");
        registry.Register<ChatJoined>("chat.joined");
        registry.Register<LeaveChat>("chat.leave");
        registry.Register<ChatPresence>("chat.presence");
        registry.Register<PostChatMessage>("chat.post");
        registry.Register<ChatEventRecorded>("chat.recorded");
        registry.Register<ChatRefused>("chat.refused");
        registry.Register<MakeAnnouncement>("chat.announce");
        registry.Register<WithdrawAnnouncement>("chat.withdraw-announcement");
        registry.Register<HideChatMessage>("chat.hide");
        registry.Register<MuteChatName>("chat.mute");
        registry.Register<GetChatHistory>("chat.get-history");
        registry.Register<ChatHistory>("chat.history");
        registry.Register<GetChatEvents>("chat.get-events");
        registry.Register<ChatEvents>("chat.events");
        registry.Register<ChatSequenceTick>("chat.sequence-tick");
        registry.Register<ChatRoomSnapshot>("chat.room-snapshot");
        registry.Register<ChatPostRecord>("chat.post-record");
        registry.Register<GetChatMembers>("chat.get-members");
        registry.Register<ChatMembers>("chat.members");
        registry.Register<GetChatAnnouncements>("chat.get-announcements");
        registry.Register<ChatAnnouncements>("chat.announcements");
    }
}
