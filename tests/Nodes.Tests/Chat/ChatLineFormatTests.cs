using ActorStream.Messages.Chat;
using ActorStream.Nodes.Chat;

namespace ActorStream.Nodes.Tests.Chat;

public sealed class ChatLineFormatTests
{
    // The seed's time is shown in the reader's zone: UTC+2 turns 12:03:07Z into 14:03:07.
    private static readonly TimeZoneInfo Plus2 = TimeZoneInfo.CreateCustomTimeZone("test+2", TimeSpan.FromHours(2), "test+2", "test+2");
    private static readonly DateTimeOffset At = new(2026, 12, 1, 12, 3, 7, 123, TimeSpan.Zero);

    private static ChatEvent E(long sequence, ChatEventKind kind, string name, string text = "", long target = 0) =>
        new(sequence, At, kind, name, text, target);

    [Fact]
    public void A_message_shows_its_sequence_the_seeds_time_in_the_local_zone_its_author_and_text()
    {
        Assert.Equal("[#12 14:03:07] ann: hello", ChatLineFormat.Event(E(12, ChatEventKind.Message, "ann", "hello"), Plus2));
        Assert.Equal("[#12 12:03:07] ann: hello", ChatLineFormat.Event(E(12, ChatEventKind.Message, "ann", "hello"), TimeZoneInfo.Utc));
    }

    [Fact]
    public void Announcements_are_set_apart_and_moderation_names_what_it_concerns()
    {
        Assert.Equal("[#7 14:03:07] *** ANNOUNCEMENT #7 by host: stream starts at 8 ***",
            ChatLineFormat.Event(E(7, ChatEventKind.Announcement, "host", "stream starts at 8"), Plus2));
        Assert.Equal("[#7 14:03:07] *** ANNOUNCEMENT #7 by host: x ***",
            ChatLineFormat.Event(E(7, ChatEventKind.Announcement, "", "x"), Plus2));
        Assert.Equal("[#9 14:03:07] announcement #7 withdrawn by host",
            ChatLineFormat.Event(E(9, ChatEventKind.AnnouncementWithdrawn, "host", target: 7), Plus2));
        Assert.Equal("[#10 14:03:07] message #5 hidden by ops",
            ChatLineFormat.Event(E(10, ChatEventKind.MessageHidden, "ops", target: 5), Plus2));
        Assert.Equal("[#11 14:03:07] bob muted by host", ChatLineFormat.Event(E(11, ChatEventKind.NameMuted, "bob"), Plus2));
        Assert.Equal("[#12 14:03:07] bob unmuted by host", ChatLineFormat.Event(E(12, ChatEventKind.NameUnmuted, "bob"), Plus2));
    }

    [Fact]
    public void Presence_connection_refusals_and_acks_have_their_own_lines()
    {
        Assert.Equal("* bob joined", ChatLineFormat.Line(new ChatPresence("bob", true)));
        Assert.Equal("* bob left", ChatLineFormat.Line(new ChatPresence("bob", false)));
        Assert.Equal("* connected to the chat as ann", ChatLineFormat.Line(new ChatConnectionChanged(true, "ann", "")));
        Assert.Equal("* lost the chat (the seed is unreachable); reconnecting",
            ChatLineFormat.Line(new ChatConnectionChanged(false, "ann", "the seed is unreachable")));
        Assert.Equal("* connected to the chat as ann (the seed's chat history started over)",
            ChatLineFormat.Line(new ChatConnectionChanged(true, "ann", "the seed's chat history started over")));
        Assert.Equal("* lost the chat; reconnecting", ChatLineFormat.Line(new ChatConnectionChanged(false, "ann", "")));
        Assert.Equal("refused: too fast: try again in 0.8 s", ChatLineFormat.Line(new ChatRefused(ChatRefusalReason.RateLimited, "too fast: try again in 0.8 s")));
        Assert.Equal("refused: Unavailable", ChatLineFormat.Line(new ChatRefused(ChatRefusalReason.Unavailable, "")));
        Assert.Equal("sent #12", ChatLineFormat.Line(new ChatEventRecorded(E(12, ChatEventKind.Message, "ann", "hi"))));
        Assert.Equal("[#3 14:03:07] ann: hi", ChatLineFormat.Line(E(3, ChatEventKind.Message, "ann", "hi"), Plus2));
        Assert.Null(ChatLineFormat.Line("something else"));
    }

    [Fact]
    public void Escape_sequences_and_line_breaks_from_the_wire_never_reach_the_terminal()
    {
        var forged = E(4, ChatEventKind.Message, "ev\u001b[2Jil", "line one\nline two \u001b]0;title\u0007\u202Eabc");
        var line = ChatLineFormat.Event(forged, Plus2);
        Assert.Equal("[#4 14:03:07] evil: line one line two abc", line);
        Assert.Equal("* bob joined", ChatLineFormat.Presence(new ChatPresence("b\u001b[1mob", true)));
        Assert.Equal("refused: a b", ChatLineFormat.Refused(new ChatRefused(ChatRefusalReason.Invalid, "a\r\nb\u009b")));
    }
}
