using ActorStream.Messages.Chat;

namespace ActorStream.Nodes.Chat;

/// <summary>
/// `actorstream chat` into a pipe: every event, presence change, connection change, refusal and acknowledgement as one
/// <see cref="ChatLineFormat"/> line (or one <see cref="ChatJsonLine"/> object with --json), a whole line at a time so
/// that lines from the sink and the send loop never interleave. Notes go to stderr with --json (stdout stays JSON).
/// </summary>
public sealed class ChatLinePrinter(TextWriter output, TextWriter error, bool json, TimeZoneInfo? zone = null) : IChatView
{
    private readonly Lock _lock = new();

    public void Show(object message)
    {
        var line = json ? ChatJsonLine.Line(message) : ChatLineFormat.Line(message, zone);
        if (line is not null)
        {
            Write(output, line);
        }
    }

    public void ShowOlder(IReadOnlyList<ChatEvent> page, bool more)
    {
        ArgumentNullException.ThrowIfNull(page);
        foreach (var e in page)
        {
            Show(e);
        }
    }

    public void Note(string text) => Write(json ? error : output, text);

    private void Write(TextWriter writer, string line)
    {
        lock (_lock)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }
}
