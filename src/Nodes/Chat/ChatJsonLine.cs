using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ActorStream.Messages.Chat;

namespace ActorStream.Nodes.Chat;

/// <summary>
/// The JSON form of <see cref="ChatLineFormat"/> (`--json`): one object per line, its "type" first
/// ("event", "presence", "connection", "refused", "sent"), fields in a fixed order, kinds in kebab-case.
/// </summary>
public static class ChatJsonLine
{
    // Names and texts stay readable (é, not \u00E9): the lines go to a terminal or a script, never into HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>{"type":"event","sequence":12,"time":"2026-12-01T14:03:07.123+00:00","kind":"message","name":"ann","text":"hello","target":0}</summary>
    public static string Event(ChatEvent chatEvent)
    {
        ArgumentNullException.ThrowIfNull(chatEvent);
        return Write("event", w =>
        {
            w.WriteNumber("sequence", chatEvent.Sequence);
            w.WriteString("time", chatEvent.Time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture));
            w.WriteString("kind", Kind(chatEvent.Kind));
            w.WriteString("name", chatEvent.Name);
            w.WriteString("text", chatEvent.Text);
            w.WriteNumber("target", chatEvent.Target);
        });
    }

    /// <summary>{"type":"presence","name":"bob","joined":true}</summary>
    public static string Presence(ChatPresence presence)
    {
        ArgumentNullException.ThrowIfNull(presence);
        return Write("presence", w =>
        {
            w.WriteString("name", presence.Name);
            w.WriteBoolean("joined", presence.Joined);
        });
    }

    /// <summary>{"type":"connection","connected":true,"name":"ann","detail":""}</summary>
    public static string Connection(ChatConnectionChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Write("connection", w =>
        {
            w.WriteBoolean("connected", change.Connected);
            w.WriteString("name", change.Name);
            w.WriteString("detail", change.Detail);
        });
    }

    /// <summary>{"type":"refused","reason":"RateLimited","detail":"..."}</summary>
    public static string Refused(ChatRefused refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        return Write("refused", w =>
        {
            w.WriteString("reason", refused.Reason.ToString());
            w.WriteString("detail", refused.Detail);
        });
    }

    /// <summary>{"type":"sent","sequence":12}: the acknowledgement of one's own message.</summary>
    public static string Sent(ChatEventRecorded recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return Write("sent", w => w.WriteNumber("sequence", recorded.Event.Sequence));
    }

    /// <summary>The line for any of the messages above; null for anything else.</summary>
    public static string? Line(object message) => message switch
    {
        ChatEvent chatEvent => Event(chatEvent),
        ChatPresence presence => Presence(presence),
        ChatConnectionChanged change => Connection(change),
        ChatRefused refused => Refused(refused),
        ChatEventRecorded recorded => Sent(recorded),
        _ => null,
    };

    /// <summary>"message", "announcement-withdrawn", "name-unmuted"...: the enum name in kebab-case.</summary>
    public static string Kind(ChatEventKind kind)
    {
        var name = kind.ToString();
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }

    /// <summary>The event on an "event" line (as <see cref="Event"/> writes it); null for a line of another type.</summary>
    /// <exception cref="JsonException">The line is not JSON, or an event line lacks a field.</exception>
    public static ChatEvent? ParseEvent(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.GetString() != "event")
        {
            return null;
        }

        try
        {
            var kindText = root.GetProperty("kind").GetString();
            var kind = Enum.GetValues<ChatEventKind>().FirstOrDefault(k => Kind(k) == kindText, (ChatEventKind)(-1));
            if (!Enum.IsDefined(kind))
            {
                throw new JsonException($"unknown event kind '{kindText}'");
            }

            return new ChatEvent(
                root.GetProperty("sequence").GetInt64(),
                DateTimeOffset.Parse(root.GetProperty("time").GetString() ?? "", CultureInfo.InvariantCulture, DateTimeStyles.None),
                kind,
                root.GetProperty("name").GetString() ?? "",
                root.GetProperty("text").GetString() ?? "",
                root.GetProperty("target").GetInt64());
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new JsonException($"not a chat event line: {ex.Message}", ex);
        }
    }

    private static string Write(string type, Action<Utf8JsonWriter> fields)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            fields(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
