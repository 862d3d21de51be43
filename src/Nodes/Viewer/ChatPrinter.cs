using ActorStream.Messages.Chat;
using ActorStream.Nodes.Chat;
using Akka.Actor;

namespace ActorStream.Nodes.Viewer;

/// <summary>
/// The sink of a viewer node's ChatParticipant: writes each chat line ("chat: " + <see cref="ChatLineFormat"/>) through
/// the viewer's <see cref="ConsoleLines"/>, between its status lines, unless the chat is quiet; either way it records
/// the last event shown in <see cref="ChatShownUpTo"/>.
/// </summary>
public sealed class ChatPrinter : ReceiveActor
{
    public const string Name = "chat-printer";
    public const string Prefix = "chat: ";

    public ChatPrinter(ConsoleLines lines, ChatShownUpTo shown, bool quiet, TimeZoneInfo zone)
    {
        void Write(IEnumerable<string> text)
        {
            if (!quiet)
            {
                foreach (var line in text)
                {
                    lines.Write(line);
                }
            }
        }

        Receive<ChatJoined>(joined =>
        {
            Write(Lines(joined, zone));
            shown.Set(joined.LastSequence);
        });
        Receive<ChatEvent>(chatEvent =>
        {
            Write(Lines(chatEvent, zone));
            shown.Set(chatEvent.Sequence);
        });
        ReceiveAny(message => Write(Lines(message, zone)));
    }

    /// <param name="zone">The zone times are shown in (the machine's own: <see cref="TimeZoneInfo.Local"/>).</param>
    public static Props Props(ConsoleLines lines, ChatShownUpTo shown, bool quiet, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(shown);
        ArgumentNullException.ThrowIfNull(zone);
        return Akka.Actor.Props.Create(() => new ChatPrinter(lines, shown, quiet, zone));
    }

    /// <summary>The lines shown for what the participant tells: a welcome shows the announcements in force and the
    /// recent messages in sequence order; anything that has no line shows nothing.</summary>
    public static IEnumerable<string> Lines(object message, TimeZoneInfo zone)
    {
        if (message is ChatJoined joined)
        {
            return joined.Announcements.Concat(joined.Recent).DistinctBy(e => e.Sequence).OrderBy(e => e.Sequence)
                .Select(e => Prefix + ChatLineFormat.Event(e, zone));
        }

        return ChatLineFormat.Line(message, zone) is { } line ? [Prefix + line] : [];
    }
}
