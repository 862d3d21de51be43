using System.Globalization;
using System.Text;
using ActorStream.Messages.Chat;

namespace ActorStream.Nodes.Chat;

/// <summary>
/// The interactive `actorstream chat` on a terminal: the chat's lines scroll above, the input line stays at the bottom.
/// Each line printed erases the input line, writes itself, and draws the input line again below it (with ANSI erase and
/// cursor moves, one write under one lock, so lines from the sink and the keys never tear). Announcements are set apart
/// (bold, inverse), refusals bold, joins and leaves dim. One's own acknowledgements are not shown: the message itself is.
/// </summary>
public sealed class ChatScreen : IChatView
{
    private const string Erase = "\r\x1b[2K";
    private const string Reset = "\x1b[0m";
    private const string Announcement = "\x1b[1;7m";
    private const string Bold = "\x1b[1m";
    private const string Dim = "\x1b[2m";

    private readonly Lock _lock = new();
    private readonly TextWriter _output;
    private readonly Func<int> _width;
    private readonly TimeZoneInfo? _zone;
    private readonly LineEditor _editor;
    private string _prompt = "(connecting) > ";

    /// <param name="width">The terminal's width now (it may change while the chat runs).</param>
    public ChatScreen(TextWriter output, Func<int> width, int maxLineLength, TimeZoneInfo? zone = null)
    {
        _output = output;
        _width = width;
        _zone = zone;
        _editor = new LineEditor(maxLineLength);
    }

    /// <summary>Width of this process's terminal, 80 when it cannot be read.</summary>
    public static int ConsoleWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }

    /// <summary>Draws the input line: "(connecting) > " at first; then "ann> " while connected as ann and
    /// "(reconnecting) > " while not (the connection changes shown set it).</summary>
    public void Open()
    {
        lock (_lock)
        {
            Draw(new StringBuilder()).Flush();
        }
    }

    /// <summary>A key typed: edits the input line and draws it again.</summary>
    public LineEditorOutcome Key(ConsoleKeyInfo key)
    {
        lock (_lock)
        {
            var outcome = _editor.Handle(key);
            if (outcome.Action is LineEditorAction.Changed or LineEditorAction.Submitted)
            {
                var text = new StringBuilder();
                if (outcome.Action == LineEditorAction.Submitted && outcome.Line is { Length: > 0 } line && !line.StartsWith('/'))
                {
                    // What was sent stays visible (dim) until the chat shows it as recorded.
                    text.Append(Erase).Append(Dim).Append(_prompt).Append(line).Append(Reset).Append('\n');
                }

                Draw(text).Flush();
            }

            return outcome;
        }
    }

    public void Show(object message)
    {
        var (line, style) = message switch
        {
            ChatEvent { Kind: ChatEventKind.Announcement } e => (ChatLineFormat.Event(e, _zone), Announcement),
            ChatEvent e => (ChatLineFormat.Event(e, _zone), ""),
            ChatPresence p => (ChatLineFormat.Presence(p), Dim),
            ChatConnectionChanged c => (ChatLineFormat.Connection(c), Bold),
            ChatRefused r => (ChatLineFormat.Refused(r), Bold),
            _ => (null, ""),
        };
        if (message is ChatConnectionChanged change)
        {
            lock (_lock)
            {
                _prompt = change.Connected ? $"{change.Name}> " : "(reconnecting) > ";
            }
        }

        if (line is not null)
        {
            Print([(line, style)]);
        }
    }

    public void ShowOlder(IReadOnlyList<ChatEvent> page, bool more)
    {
        ArgumentNullException.ThrowIfNull(page);
        var lines = new List<(string, string)>();
        lines.Add((page.Count == 0
            ? "--- nothing older ---"
            : string.Create(CultureInfo.InvariantCulture, $"--- older messages #{page[0].Sequence}..#{page[^1].Sequence} ---"), Dim));
        lines.AddRange(page.Select(e => (ChatLineFormat.Event(e, _zone), e.Kind == ChatEventKind.Announcement ? Announcement : "")));
        if (page.Count > 0)
        {
            lines.Add((more ? "--- /history shows older ones ---" : "--- the chat starts here ---", Dim));
        }

        Print(lines);
    }

    public void Note(string text) => Print([(text, Dim)]);

    /// <summary>Leaves the terminal with the input line erased (on the way out).</summary>
    public void Close()
    {
        lock (_lock)
        {
            _output.Write(Erase);
            _output.Flush();
        }
    }

    private void Print(IEnumerable<(string Line, string Style)> lines)
    {
        lock (_lock)
        {
            var text = new StringBuilder();
            foreach (var (line, style) in lines)
            {
                text.Append(Erase);
                if (style.Length > 0)
                {
                    text.Append(style).Append(line).Append(Reset);
                }
                else
                {
                    text.Append(line);
                }

                text.Append('\n');
            }

            Draw(text).Flush();
        }
    }

    /// <summary>Appends the input line, with the cursor in its place, and writes it all out at once.</summary>
    private TextWriter Draw(StringBuilder text)
    {
        var (line, column) = _editor.View(_prompt, _width());
        text.Append(Erase).Append(line).Append('\r');
        if (column > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\x1b[{column}C");
        }

        _output.Write(text.ToString());
        return _output;
    }
}
