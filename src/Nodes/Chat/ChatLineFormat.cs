using System.Globalization;
using ActorStream.Media.Chat;
using ActorStream.Messages.Chat;

namespace ActorStream.Nodes.Chat;

/// <summary>
/// The one line of text shown for each thing the chat tells a client: the same in a viewer's terminal, in
/// `actorstream chat` and in `actorstream chat history`, so users (and scripts) read one format everywhere.
/// Times are the seed's, shown in the given (by default the local) time zone. Names, texts and details are cleaned
/// again (<see cref="ChatText.Clean"/>): any cluster member can publish on the chat's topics, and a line must never
/// carry a terminal escape sequence or break in two.
/// </summary>
public static class ChatLineFormat
{
    /// <summary>"[#12 14:03:07] ann: hello"; announcements are set apart ("*** ANNOUNCEMENT #7 by host: text ***").</summary>
    public static string Event(ChatEvent chatEvent, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(chatEvent);
        chatEvent = chatEvent with { Name = ChatText.Clean(chatEvent.Name), Text = ChatText.Clean(chatEvent.Text) };
        var time = TimeZoneInfo.ConvertTime(chatEvent.Time, zone ?? TimeZoneInfo.Local);
        var head = string.Create(CultureInfo.InvariantCulture, $"[#{chatEvent.Sequence} {time:HH:mm:ss}] ");
        return head + chatEvent.Kind switch
        {
            ChatEventKind.Message => $"{chatEvent.Name}: {chatEvent.Text}",
            ChatEventKind.Announcement => string.Create(CultureInfo.InvariantCulture,
                $"*** ANNOUNCEMENT #{chatEvent.Sequence} by {By(chatEvent.Name)}: {chatEvent.Text} ***"),
            ChatEventKind.AnnouncementWithdrawn => string.Create(CultureInfo.InvariantCulture,
                $"announcement #{chatEvent.Target} withdrawn by {By(chatEvent.Name)}"),
            ChatEventKind.MessageHidden => string.Create(CultureInfo.InvariantCulture,
                $"message #{chatEvent.Target} hidden by {By(chatEvent.Name)}"),
            // A mute event's Name is the name concerned; the host is not recorded on it.
            ChatEventKind.NameMuted => $"{chatEvent.Name} muted by host",
            ChatEventKind.NameUnmuted => $"{chatEvent.Name} unmuted by host",
            _ => $"({chatEvent.Kind}) {chatEvent.Name}: {chatEvent.Text}",
        };
    }

    /// <summary>"* bob joined" / "* bob left".</summary>
    public static string Presence(ChatPresence presence)
    {
        ArgumentNullException.ThrowIfNull(presence);
        return $"* {ChatText.Clean(presence.Name)} {(presence.Joined ? "joined" : "left")}";
    }

    /// <summary>"* connected to the chat as ann" (with the detail in brackets when there is one: the seed's history
    /// started over) / "* lost the chat (DETAIL); reconnecting".</summary>
    public static string Connection(ChatConnectionChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        change = change with { Name = ChatText.Clean(change.Name), Detail = ChatText.Clean(change.Detail) };
        if (change.Connected)
        {
            return change.Detail.Length == 0 ? $"* connected to the chat as {change.Name}" : $"* connected to the chat as {change.Name} ({change.Detail})";
        }

        return change.Detail.Length == 0 ? "* lost the chat; reconnecting" : $"* lost the chat ({change.Detail}); reconnecting";
    }

    /// <summary>"refused: DETAIL" (the reason's name when the room gave no detail).</summary>
    public static string Refused(ChatRefused refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        var detail = ChatText.Clean(refused.Detail);
        return "refused: " + (detail.Length == 0 ? refused.Reason.ToString() : detail);
    }

    /// <summary>"sent #12": the acknowledgement of one's own message.</summary>
    public static string Sent(ChatEventRecorded recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return string.Create(CultureInfo.InvariantCulture, $"sent #{recorded.Event.Sequence}");
    }

    /// <summary>The line for any of the messages above; null for anything else.</summary>
    public static string? Line(object message, TimeZoneInfo? zone = null) => message switch
    {
        ChatEvent chatEvent => Event(chatEvent, zone),
        ChatPresence presence => Presence(presence),
        ChatConnectionChanged change => Connection(change),
        ChatRefused refused => Refused(refused),
        ChatEventRecorded recorded => Sent(recorded),
        _ => null,
    };

    private static string By(string name) => name.Length == 0 ? "host" : name;
}
