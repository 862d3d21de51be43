using ActorStream.Messages.Chat;
using ActorStream.Nodes.Viewer;
using Akka.Actor;

namespace ActorStream.Nodes.Tests.Viewer;

/// <summary>The viewer's chat lines, through a real printer actor and the viewer's ConsoleLines.</summary>
public sealed class ChatPrinterTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;
    private static readonly DateTimeOffset At = new(2026, 12, 1, 14, 3, 7, TimeSpan.Zero);
    private readonly ActorSystem _system = ActorSystem.Create("printer-test", "akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _system.Terminate();

    private static ChatEvent E(long sequence, string text, ChatEventKind kind = ChatEventKind.Message, string name = "ann") =>
        new(sequence, At, kind, name, text);

    [Fact]
    public void A_welcome_shows_announcements_in_force_and_recent_messages_in_sequence_order()
    {
        var joined = new ChatJoined("ann", [E(3, "hi"), E(5, "there")], [E(4, "stream at 8", ChatEventKind.Announcement, "host")], ["ann"], 6);

        Assert.Equal(
            [
                "chat: [#3 14:03:07] ann: hi",
                "chat: [#4 14:03:07] *** ANNOUNCEMENT #4 by host: stream at 8 ***",
                "chat: [#5 14:03:07] ann: there",
            ],
            ChatPrinter.Lines(joined, Utc));
        Assert.Empty(ChatPrinter.Lines(new ChatJoined("ann", [], [], ["ann"], 0), Utc));
        Assert.Empty(ChatPrinter.Lines(new ChatSequenceTick(3), Utc));
    }

    [Fact]
    public async Task Lines_go_through_the_viewers_console_and_the_last_event_shown_is_kept()
    {
        var stdout = new StringWriter();
        var shown = new ChatShownUpTo();
        var printer = _system.ActorOf(ChatPrinter.Props(new ConsoleLines(stdout), shown, quiet: false, Utc));

        printer.Tell(new ChatConnectionChanged(true, "ann", ""));
        printer.Tell(new ChatJoined("ann", [E(1, "hi")], [], ["ann"], 2));
        printer.Tell(new ChatPresence("bob", true));
        printer.Tell(E(3, "hello bob"));
        printer.Tell(new ChatRefused(ChatRefusalReason.NameTaken, "the name 'ann' is taken"));
        printer.Tell(new ChatConnectionChanged(false, "ann", "the seed's chat stopped"));
        await WaitForAsync(() => stdout.ToString().Contains("lost the chat", StringComparison.Ordinal));

        Assert.Equal(
            [
                "chat: * connected to the chat as ann",
                "chat: [#1 14:03:07] ann: hi",
                "chat: * bob joined",
                "chat: [#3 14:03:07] ann: hello bob",
                "chat: refused: the name 'ann' is taken",
                "chat: * lost the chat (the seed's chat stopped); reconnecting",
            ],
            stdout.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(3, shown.Value);
    }

    [Fact]
    public async Task Quiet_prints_nothing_but_still_keeps_what_was_shown()
    {
        var stdout = new StringWriter();
        var shown = new ChatShownUpTo();
        var printer = _system.ActorOf(ChatPrinter.Props(new ConsoleLines(stdout), shown, quiet: true, Utc));

        printer.Tell(new ChatConnectionChanged(true, "ann", ""));
        printer.Tell(new ChatJoined("ann", [E(1, "hi")], [], ["ann"], 4));
        printer.Tell(E(5, "hello"));
        await WaitForAsync(() => shown.Value == 5);

        Assert.Equal("", stdout.ToString());
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "not within the wait");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
