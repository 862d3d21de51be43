using Akka.Actor;

namespace ActorStream.Messages.Chat;

/// <summary>
/// A chat participant (a viewer node's or a chat client's <c>ChatParticipant</c>) asks the seed's /user/chat to hold
/// <paramref name="Name"/> for it. Answered with <see cref="ChatJoined"/> or <see cref="ChatRefused"/> (NameInvalid,
/// NameTaken). The room watches <paramref name="Participant"/>: the name is free again when it stops or its node goes.
/// </summary>
/// <param name="ClientId">Stable for the life of the client process (a GUID): a client that joins again (after the seed
/// or its own actor system restarted) takes its name back from its former self instead of being refused.</param>
/// <param name="AcceptOtherName">When the name is taken, take NAME-2, NAME-3... instead of being refused (a viewer node
/// whose name is the default host name).</param>
public sealed record JoinChat(string Name, string ClientId, IActorRef Participant, bool AcceptOtherName = false);

/// <summary>
/// The room's welcome: the name held, the last <c>actorstream.chat.recent-history</c> visible messages and every
/// announcement in force (both in sequence order), who is connected, and the last sequence recorded (live events after
/// it follow on the topics).
/// </summary>
/// <param name="PresenceVersion">The room's count of joins and leaves that <paramref name="Members"/> includes (this
/// join too): <see cref="ChatPresence"/> events after it follow on the topic.</param>
public sealed record ChatJoined(string Name, IReadOnlyList<ChatEvent> Recent, IReadOnlyList<ChatEvent> Announcements,
    IReadOnlyList<string> Members, long LastSequence, long PresenceVersion = 0);

/// <summary>A participant leaves; its name is free at once. Not answered.</summary>
public sealed record LeaveChat(string ClientId);

/// <summary>Published on the chat topic when a participant joins or leaves (its node stopped or was lost).</summary>
/// <param name="Version">The room's count of joins and leaves, this one included: a participant that sees it skip knows
/// it missed one and asks <see cref="GetChatMembers"/>. 0 for one a participant made up from such an answer.</param>
public sealed record ChatPresence(string Name, bool Joined, long Version = 0);

/// <summary>Who holds a name in the chat now. Answered with <see cref="ChatMembers"/>.</summary>
public sealed record GetChatMembers
{
    public static readonly GetChatMembers Instance = new();
}

/// <summary>The names held now, in ordinal order, and the presence version they include.</summary>
public sealed record ChatMembers(IReadOnlyList<string> Names, long PresenceVersion);
