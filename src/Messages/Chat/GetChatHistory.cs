namespace ActorStream.Messages.Chat;

/// <summary>
/// A page of visible history (messages and announcements, hidden ones left out), newest last: the last
/// <paramref name="Max"/> before sequence <paramref name="Before"/> (0: before now). Answered with <see cref="ChatHistory"/>.
/// </summary>
public sealed record GetChatHistory(long Before = 0, int Max = 50);

/// <summary>A page of history in sequence order; <paramref name="More"/> when older visible messages exist.</summary>
public sealed record ChatHistory(IReadOnlyList<ChatEvent> Events, bool More, long LastSequence);

/// <summary>
/// Every event (of any kind) after <paramref name="After"/>, oldest first, at most <paramref name="Max"/>: how a
/// participant fills a gap in what the topics brought it. Answered with <see cref="ChatEvents"/>.
/// </summary>
public sealed record GetChatEvents(long After, int Max = 200);

/// <summary>Events in sequence order, and the last sequence recorded.</summary>
public sealed record ChatEvents(IReadOnlyList<ChatEvent> Events, long LastSequence);

/// <summary>Published on the chat topic every actorstream.chat.sync-interval: a participant behind it asks for the rest
/// (events after its last, or the members when <paramref name="PresenceVersion"/> is ahead of what it saw).</summary>
public sealed record ChatSequenceTick(long LastSequence, long PresenceVersion = 0);

/// <summary>The announcements in force, for a host's tool that holds no name (`announce --list`). Answered with <see cref="ChatAnnouncements"/>.</summary>
public sealed record GetChatAnnouncements;

/// <summary>The announcements in force, oldest first, and the last sequence recorded.</summary>
public sealed record ChatAnnouncements(IReadOnlyList<ChatEvent> InForce, long LastSequence);
