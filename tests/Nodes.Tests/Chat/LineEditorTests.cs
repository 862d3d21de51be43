using ActorStream.Nodes.Chat;

namespace ActorStream.Nodes.Tests.Chat;

/// <summary>The chat terminal's input line: key sequences in, the line and what it submits out.</summary>
public sealed class LineEditorTests
{
    private static ConsoleKeyInfo Char(char c) => new(c, ConsoleKey.NoName, false, false, false);

    private static ConsoleKeyInfo Key(ConsoleKey key, char c = '\0', bool control = false) => new(c, key, false, false, control);

    private static ConsoleKeyInfo Ctrl(char letter) => new((char)(letter - 'a' + 1), ConsoleKey.A + (letter - 'a'), false, false, true);

    private static readonly ConsoleKeyInfo Enter = Key(ConsoleKey.Enter, '\r');

    private static List<LineEditorOutcome> Type(LineEditor editor, string text) => text.Select(c => editor.Handle(Char(c))).ToList();

    [Fact]
    public void Typed_characters_build_the_line_and_enter_submits_it_and_empties_the_editor()
    {
        var editor = new LineEditor();

        var typed = Type(editor, "hello");
        var submitted = editor.Handle(Enter);

        Assert.All(typed, o => Assert.Equal(LineEditorAction.Changed, o.Action));
        Assert.Equal(new LineEditorOutcome(LineEditorAction.Submitted, "hello"), submitted);
        Assert.Equal(("", 0), (editor.Text, editor.Cursor));
    }

    [Fact]
    public void Arrows_home_and_end_move_the_cursor_and_typing_inserts_there()
    {
        var editor = new LineEditor();
        Type(editor, "helo");

        editor.Handle(Key(ConsoleKey.LeftArrow));
        editor.Handle(Char('l'));
        editor.Handle(Key(ConsoleKey.Home));
        editor.Handle(Char('>'));
        editor.Handle(Key(ConsoleKey.End));
        editor.Handle(Char('!'));

        Assert.Equal((">hello!", 7), (editor.Text, editor.Cursor));
        // Moving past either end changes nothing.
        Assert.Equal(LineEditorAction.None, editor.Handle(Key(ConsoleKey.RightArrow)).Action);
    }

    [Fact]
    public void Backspace_delete_and_the_control_keys_erase()
    {
        var editor = new LineEditor();
        Type(editor, "one two three");

        editor.Handle(Key(ConsoleKey.Backspace, '\b'));         // "one two thre"
        editor.Handle(Ctrl('w'));                                // "one two "
        Assert.Equal("one two ", editor.Text);
        editor.Handle(Ctrl('w'));                                // "one "
        editor.Handle(Ctrl('a'));
        editor.Handle(Key(ConsoleKey.Delete));                   // "ne "
        Assert.Equal(("ne ", 0), (editor.Text, editor.Cursor));
        editor.Handle(Ctrl('e'));
        editor.Handle(Ctrl('b'));                                // cursor before the space
        editor.Handle(Ctrl('k'));                                // "ne"
        Assert.Equal("ne", editor.Text);
        editor.Handle(Ctrl('u'));
        Assert.Equal(("", 0), (editor.Text, editor.Cursor));
    }

    [Fact]
    public void Ctrl_d_quits_on_an_empty_line_and_deletes_otherwise()
    {
        var editor = new LineEditor();
        Type(editor, "ab");
        editor.Handle(Ctrl('a'));

        Assert.Equal(LineEditorAction.Changed, editor.Handle(Ctrl('d')).Action);
        Assert.Equal("b", editor.Text);
        editor.Handle(Ctrl('d'));
        Assert.Equal(LineEditorAction.Quit, editor.Handle(Ctrl('d')).Action);
    }

    [Fact]
    public void Up_and_down_recall_submitted_lines_and_come_back_to_the_draft()
    {
        var editor = new LineEditor();
        Type(editor, "first");
        editor.Handle(Enter);
        Type(editor, "second");
        editor.Handle(Enter);
        Type(editor, "dra");

        editor.Handle(Key(ConsoleKey.UpArrow));
        Assert.Equal(("second", 6), (editor.Text, editor.Cursor));
        editor.Handle(Key(ConsoleKey.UpArrow));
        Assert.Equal("first", editor.Text);
        Assert.Equal(LineEditorAction.None, editor.Handle(Key(ConsoleKey.UpArrow)).Action);
        editor.Handle(Key(ConsoleKey.DownArrow));
        editor.Handle(Key(ConsoleKey.DownArrow));
        Assert.Equal("dra", editor.Text);

        editor.Handle(Key(ConsoleKey.UpArrow));
        Assert.Equal(new LineEditorOutcome(LineEditorAction.Submitted, "second"), editor.Handle(Enter));
    }

    [Fact]
    public void Control_characters_are_not_taken_into_the_line_and_the_length_is_bounded()
    {
        var editor = new LineEditor(maxLength: 3);

        editor.Handle(Char('\u001b'));
        editor.Handle(Key(ConsoleKey.Tab, '\t'));
        Type(editor, "abcd");

        Assert.Equal("abc", editor.Text);
    }

    [Fact]
    public void The_view_scrolls_sideways_to_keep_the_cursor_on_screen()
    {
        var editor = new LineEditor();
        Type(editor, "abcdefghij");

        // 10 columns: "> " and one column kept free leave 7, the cursor's cell after the text among them.
        var (line, column) = editor.View("> ", 10);
        Assert.Equal(("> efghij", 8), (line, column));

        editor.Handle(Key(ConsoleKey.Home));
        Assert.Equal(("> abcdefg", 2), editor.View("> ", 10));
    }
}
