namespace ActorStream.Messages.Chat;

/// <summary>The DistributedPubSub topics of the chat, and where the room lives.</summary>
public static class ChatTopics
{
    /// <summary>Messages, hides, mutes, presence and the sequence tick.</summary>
    public const string Chat = "actorstream.chat";

    /// <summary>Announcements and their withdrawals.</summary>
    public const string Announcements = "actorstream.announcements";

    /// <summary>The chat room's path on the seed.</summary>
    public const string RoomPath = "/user/chat";
}
