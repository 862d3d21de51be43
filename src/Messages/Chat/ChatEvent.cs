namespace ActorStream.Messages.Chat;

/// <summary>What a <see cref="ChatEvent"/> records.</summary>
public enum ChatEventKind
{
    /// <summary>A chat line: <see cref="ChatEvent.Name"/> wrote <see cref="ChatEvent.Text"/>.</summary>
    Message,

    /// <summary>The host announced <see cref="ChatEvent.Text"/>; in force until withdrawn. Its id is its sequence.</summary>
    Announcement,

    /// <summary>The host withdrew the announcement whose sequence is <see cref="ChatEvent.Target"/>.</summary>
    AnnouncementWithdrawn,

    /// <summary>The host hid the chat message whose sequence is <see cref="ChatEvent.Target"/>.</summary>
    MessageHidden,

    /// <summary>The host muted <see cref="ChatEvent.Name"/>: its messages are refused until unmuted.</summary>
    NameMuted,

    /// <summary>The host lifted the mute of <see cref="ChatEvent.Name"/>.</summary>
    NameUnmuted,
}

/// <summary>
/// One numbered fact of the chat, recorded by the seed's /user/chat: persisted as is (its journal event), published
/// to every node, and kept in history. <see cref="Sequence"/> is the chat's own gapless order (the journal's sequence
/// number), <see cref="Time"/> the seed's clock when it was recorded: every client shows events in sequence order.
/// </summary>
/// <param name="Name">Message: the author; Announcement and moderation: who did it (the host's name); NameMuted and
/// NameUnmuted: the name concerned.</param>
/// <param name="Text">Message and Announcement: the text (already cleaned of control characters); otherwise "".</param>
/// <param name="Target">AnnouncementWithdrawn and MessageHidden: the sequence of the event concerned; otherwise 0.</param>
public sealed record ChatEvent(long Sequence, DateTimeOffset Time, ChatEventKind Kind, string Name, string Text, long Target = 0);
