using System.Text.Json;
using ActorStream.Messages.Chat;
using ActorStream.Nodes.Chat;

namespace ActorStream.Nodes.Tests.Chat;

public sealed class ChatJsonLineTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 14, 3, 7, 123, TimeSpan.Zero);

    [Fact]
    public void An_event_line_has_every_field_in_a_fixed_order()
    {
        Assert.Equal(
            """{"type":"event","sequence":12,"time":"2026-12-01T14:03:07.123+00:00","kind":"message","name":"ann","text":"hello","target":0}""",
            ChatJsonLine.Event(new ChatEvent(12, At, ChatEventKind.Message, "ann", "hello")));
    }

    [Theory]
    [InlineData(ChatEventKind.Message, "message")]
    [InlineData(ChatEventKind.Announcement, "announcement")]
    [InlineData(ChatEventKind.AnnouncementWithdrawn, "announcement-withdrawn")]
    [InlineData(ChatEventKind.MessageHidden, "message-hidden")]
    [InlineData(ChatEventKind.NameMuted, "name-muted")]
    [InlineData(ChatEventKind.NameUnmuted, "name-unmuted")]
    public void Kinds_are_kebab_case(ChatEventKind kind, string text) => Assert.Equal(text, ChatJsonLine.Kind(kind));

    [Fact]
    public void Other_lines_match_the_contract()
    {
        Assert.Equal("""{"type":"presence","name":"bob","joined":true}""", ChatJsonLine.Line(new ChatPresence("bob", true)));
        Assert.Equal("""{"type":"connection","connected":true,"name":"ann","detail":""}""", ChatJsonLine.Line(new ChatConnectionChanged(true, "ann", "")));
        Assert.Equal("""{"type":"refused","reason":"RateLimited","detail":"slow down"}""",
            ChatJsonLine.Line(new ChatRefused(ChatRefusalReason.RateLimited, "slow down")));
        Assert.Equal("""{"type":"sent","sequence":12}""",
            ChatJsonLine.Line(new ChatEventRecorded(new ChatEvent(12, At, ChatEventKind.Message, "ann", "x"))));
        Assert.Null(ChatJsonLine.Line(42));
    }

    [Fact]
    public void Quotes_and_non_ascii_text_stay_valid_json_and_read_back_as_the_same_event()
    {
        var original = new ChatEvent(40, At.ToOffset(TimeSpan.FromHours(-5)), ChatEventKind.MessageHidden, "zoé", "say \"hi\" \\ </script> ü", 7);
        var line = ChatJsonLine.Event(original);
        Assert.Contains("zoé", line);
        Assert.Equal(original, ChatJsonLine.ParseEvent(line));
        Assert.Null(ChatJsonLine.ParseEvent("""{"type":"sent","sequence":1}"""));
        Assert.Throws<JsonException>(() => ChatJsonLine.ParseEvent("""{"type":"event","sequence":1}"""));
        Assert.Throws<JsonException>(() => ChatJsonLine.ParseEvent("""{"type":"event","sequence":1,"time":"2026-12-01T14:03:07.123+00:00","kind":"shout","name":"a","text":"","target":0}"""));
    }
}
