using ActorStream.Messages.Chat;
using ActorStream.Nodes.Chat;

namespace ActorStream.Nodes.Tests.Chat;

/// <summary>The interactive screen's output: lines above, the input line redrawn below them.</summary>
public sealed class ChatScreenTests
{
    private static ChatScreen Screen(StringWriter output) => new(output, () => 40, 500, TimeZoneInfo.Utc);

    [Fact]
    public void Lines_print_above_the_input_line_which_is_drawn_again_last()
    {
        var output = new StringWriter();
        var screen = Screen(output);
        screen.Show(new ChatConnectionChanged(true, "ann", ""));
        foreach (var c in "typing")
        {
            screen.Key(new ConsoleKeyInfo(c, ConsoleKey.NoName, false, false, false));
        }

        screen.Show(new ChatEvent(12, new DateTimeOffset(2026, 12, 1, 14, 3, 7, TimeSpan.Zero), ChatEventKind.Message, "bob", "hello"));
        screen.Show(new ChatPresence("cid", true));

        var text = output.ToString();
        var lastMessage = text.LastIndexOf("[#12 14:03:07] bob: hello", StringComparison.Ordinal);
        var lastInput = text.LastIndexOf("ann> typing", StringComparison.Ordinal);
        Assert.True(lastMessage >= 0 && lastInput > lastMessage, text);
        Assert.Contains("* cid joined", text, StringComparison.Ordinal);
        Assert.EndsWith("ann> typing\r\x1b[11C", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Announcements_are_set_apart_and_acknowledgements_not_shown()
    {
        var output = new StringWriter();
        var screen = Screen(output);

        screen.Show(new ChatEvent(7, DateTimeOffset.UnixEpoch, ChatEventKind.Announcement, "host", "doors at 8"));
        screen.Show(new ChatEventRecorded(new ChatEvent(8, DateTimeOffset.UnixEpoch, ChatEventKind.Message, "ann", "x")));

        var text = output.ToString();
        Assert.Contains("\x1b[1;7m[#7 00:00:00] *** ANNOUNCEMENT #7 by host: doors at 8 ***\x1b[0m", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sent #8", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Enter_hands_back_the_line_and_leaves_it_shown_above_an_empty_input()
    {
        var output = new StringWriter();
        var screen = Screen(output);
        screen.Show(new ChatConnectionChanged(true, "ann", ""));
        foreach (var c in "hi")
        {
            screen.Key(new ConsoleKeyInfo(c, ConsoleKey.NoName, false, false, false));
        }

        var outcome = screen.Key(new ConsoleKeyInfo('\r', ConsoleKey.Enter, false, false, false));

        Assert.Equal(new LineEditorOutcome(LineEditorAction.Submitted, "hi"), outcome);
        Assert.EndsWith("\x1b[2mann> hi\x1b[0m\n\r\x1b[2Kann> \r\x1b[5C", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_prompt_says_whether_the_chat_is_connected()
    {
        var output = new StringWriter();
        var screen = Screen(output);

        screen.Open();
        Assert.EndsWith("(connecting) > \r\x1b[15C", output.ToString(), StringComparison.Ordinal);
        screen.Show(new ChatConnectionChanged(true, "ann-2", ""));
        Assert.EndsWith("ann-2> \r\x1b[7C", output.ToString(), StringComparison.Ordinal);
        screen.Show(new ChatConnectionChanged(false, "ann-2", "seed gone"));
        Assert.Contains("* lost the chat (seed gone); reconnecting", output.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("(reconnecting) > \r\x1b[17C", output.ToString(), StringComparison.Ordinal);
    }
}
