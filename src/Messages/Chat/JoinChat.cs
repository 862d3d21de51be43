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
public sealed record ChatJoined(string Name, IReadOnlyList<ChatEvent> Recent, IReadOnlyList<ChatEvent> Announcements,
    IReadOnlyList<string> Members, long LastSequence);

/// <summary>A participant leaves; its name is free at once. Not answered.</summary>
public sealed record LeaveChat(string ClientId);

/// <summary>Published on the chat topic when a participant joins or leaves (its node stopped or was lost).</summary>
public sealed record ChatPresence(string Name, bool Joined);
