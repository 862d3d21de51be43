using ActorStream.Nodes.Chat;

namespace ActorStream.Nodes.Tests.Chat;

public sealed class ChatInputLineTests
{
    [Theory]
    [InlineData("hello", ChatInputKind.Message, "hello", 0)]
    [InlineData("  spaced  ", ChatInputKind.Message, "  spaced  ", 0)]
    [InlineData("//slash", ChatInputKind.Message, "/slash", 0)]
    [InlineData("", ChatInputKind.Nothing, "", 0)]
    [InlineData("   ", ChatInputKind.Nothing, "", 0)]
    [InlineData("/history", ChatInputKind.History, "", ChatInputLine.DefaultHistory)]
    [InlineData("/history 5", ChatInputKind.History, "", 5)]
    [InlineData("/HISTORY 7", ChatInputKind.History, "", 7)]
    [InlineData("/announce Doors open at 8", ChatInputKind.Announce, "Doors open at 8", 0)]
    [InlineData("/announcements", ChatInputKind.Announcements, "", 0)]
    [InlineData("/help", ChatInputKind.Help, "", 0)]
    [InlineData("/quit", ChatInputKind.Quit, "", 0)]
    public void Lines_are_messages_or_commands(string line, ChatInputKind kind, string text, int count) =>
        Assert.Equal(new ChatInputLine(kind, text, count), ChatInputLine.Parse(line));

    [Theory]
    [InlineData("/history many", "/history takes a number")]
    [InlineData("/history 0", "/history takes a number")]
    [InlineData("/history -3", "/history takes a number")]
    [InlineData("/announce", "/announce needs the text")]
    [InlineData("/announce   ", "/announce needs the text")]
    [InlineData("/bogus", "no command /bogus")]
    public void Bad_commands_say_what_is_wrong(string line, string problem)
    {
        var input = ChatInputLine.Parse(line);

        Assert.Equal(ChatInputKind.Invalid, input.Kind);
        Assert.StartsWith(problem, input.Text, StringComparison.Ordinal);
    }
}
