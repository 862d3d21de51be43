using System.Text;

namespace ActorStream.Nodes.Chat;

/// <summary>What a key did to the <see cref="LineEditor"/>.</summary>
public enum LineEditorAction
{
    /// <summary>Nothing to do (an unknown key, or nothing changed).</summary>
    None,

    /// <summary>The line or the cursor changed: draw it again.</summary>
    Changed,

    /// <summary>Enter: <see cref="LineEditorOutcome.Line"/> was taken and the editor is empty again.</summary>
    Submitted,

    /// <summary>Ctrl+D on an empty line: the user leaves.</summary>
    Quit,
}

/// <summary>A key's effect; <see cref="Line"/> is the submitted line when <see cref="Action"/> is Submitted.</summary>
public readonly record struct LineEditorOutcome(LineEditorAction Action, string? Line = null);

/// <summary>
/// The chat terminal's input line, as keys edit it (plain state, no console: the terminal feeds it Console.ReadKey's
/// keys and draws what <see cref="View"/> gives). Keys: letters insert at the cursor; Left/Right, Home/End (Ctrl+A/E)
/// move; Backspace and Delete (Ctrl+D on a non-empty line) erase; Ctrl+U erases to the start, Ctrl+K to the end, Ctrl+W
/// the word before the cursor; Up/Down recall earlier lines; Enter submits; Ctrl+D on an empty line quits.
/// </summary>
public sealed class LineEditor
{
    private readonly StringBuilder _text = new();
    private readonly List<string> _history = [];
    private readonly int _maxLength;
    private readonly int _maxHistory;
    // Where Up/Down are in _history (== Count: the line being written), and that line, kept while older ones show.
    private int _recall;
    private string _draft = "";

    /// <param name="maxLength">Characters the line may hold; more are not taken (the chat refuses long messages anyway).</param>
    /// <param name="maxHistory">Submitted lines Up can recall.</param>
    public LineEditor(int maxLength = 4000, int maxHistory = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxHistory, 0);
        _maxLength = maxLength;
        _maxHistory = maxHistory;
    }

    public string Text => _text.ToString();

    /// <summary>The cursor's place in <see cref="Text"/>, 0..Length.</summary>
    public int Cursor { get; private set; }

    public LineEditorOutcome Handle(ConsoleKeyInfo key)
    {
        var control = (key.Modifiers & ConsoleModifiers.Control) != 0;
        switch (key.Key)
        {
            case ConsoleKey.Enter:
                return Submit();
            case ConsoleKey.LeftArrow:
                return Move(Cursor - 1);
            case ConsoleKey.RightArrow:
                return Move(Cursor + 1);
            case ConsoleKey.Home:
                return Move(0);
            case ConsoleKey.End:
                return Move(_text.Length);
            case ConsoleKey.Backspace:
                return Erase(Cursor - 1, Cursor);
            case ConsoleKey.Delete:
                return Erase(Cursor, Cursor + 1);
            case ConsoleKey.UpArrow:
                return Recall(_recall - 1);
            case ConsoleKey.DownArrow:
                return Recall(_recall + 1);
        }

        // A terminal sends control keys as their control characters; ReadKey does not always set Control for them.
        var c = key.KeyChar;
        if (control && c is >= 'a' and <= 'z')
        {
            c = (char)(c - 'a' + 1);
        }

        switch (c)
        {
            case '\r' or '\n':
                return Submit();
            case '\u0001': // Ctrl+A
                return Move(0);
            case '\u0005': // Ctrl+E
                return Move(_text.Length);
            case '\u0002': // Ctrl+B
                return Move(Cursor - 1);
            case '\u0006': // Ctrl+F
                return Move(Cursor + 1);
            case '\u0004': // Ctrl+D
                return _text.Length == 0 ? new LineEditorOutcome(LineEditorAction.Quit) : Erase(Cursor, Cursor + 1);
            case '\b' or '\u007f':
                return Erase(Cursor - 1, Cursor);
            case '\u0015': // Ctrl+U
                return Erase(0, Cursor);
            case '\u000b': // Ctrl+K
                return Erase(Cursor, _text.Length);
            case '\u0017': // Ctrl+W
                return Erase(WordStart(), Cursor);
            case '\u0010': // Ctrl+P
                return Recall(_recall - 1);
            case '\u000e': // Ctrl+N
                return Recall(_recall + 1);
        }

        if (char.IsControl(c) || c == '\0' || _text.Length >= _maxLength)
        {
            return default;
        }

        _text.Insert(Cursor, c);
        Cursor++;
        return new LineEditorOutcome(LineEditorAction.Changed);
    }

    /// <summary>
    /// What to draw in <paramref name="width"/> columns after <paramref name="prompt"/>: the part of the line around the
    /// cursor (it scrolls sideways when longer), and the cursor's column from the left edge.
    /// </summary>
    public (string Line, int Column) View(string prompt, int width)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        // One column is left free: writing the last column makes some terminals wrap at once.
        var room = Math.Max(1, width - prompt.Length - 1);
        var text = Text;
        var start = Cursor < room ? 0 : Cursor - room + 1;
        var visible = text.Substring(start, Math.Min(room, text.Length - start));
        return (prompt + visible, prompt.Length + Cursor - start);
    }

    private LineEditorOutcome Submit()
    {
        var line = Text;
        if (line.Length > 0 && _maxHistory > 0 && (_history.Count == 0 || _history[^1] != line))
        {
            _history.Add(line);
            if (_history.Count > _maxHistory)
            {
                _history.RemoveAt(0);
            }
        }

        _text.Clear();
        Cursor = 0;
        _recall = _history.Count;
        _draft = "";
        return new LineEditorOutcome(LineEditorAction.Submitted, line);
    }

    private LineEditorOutcome Move(int to)
    {
        to = Math.Clamp(to, 0, _text.Length);
        if (to == Cursor)
        {
            return default;
        }

        Cursor = to;
        return new LineEditorOutcome(LineEditorAction.Changed);
    }

    private LineEditorOutcome Erase(int from, int to)
    {
        from = Math.Clamp(from, 0, _text.Length);
        to = Math.Clamp(to, from, _text.Length);
        if (from == to)
        {
            return default;
        }

        _text.Remove(from, to - from);
        Cursor = from;
        return new LineEditorOutcome(LineEditorAction.Changed);
    }

    private LineEditorOutcome Recall(int index)
    {
        if (index < 0 || index > _history.Count || index == _recall)
        {
            return default;
        }

        if (_recall == _history.Count)
        {
            _draft = Text;
        }

        _recall = index;
        _text.Clear().Append(index == _history.Count ? _draft : _history[index]);
        Cursor = _text.Length;
        return new LineEditorOutcome(LineEditorAction.Changed);
    }

    /// <summary>Where the word before the cursor starts (spaces before it go with it, as in a shell).</summary>
    private int WordStart()
    {
        var i = Cursor;
        while (i > 0 && char.IsWhiteSpace(_text[i - 1]))
        {
            i--;
        }

        while (i > 0 && !char.IsWhiteSpace(_text[i - 1]))
        {
            i--;
        }

        return i;
    }
}
