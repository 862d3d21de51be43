using System.Text.Json;

namespace ActorStream.EndToEnd.Tests.Support.Chat;

/// <summary>
/// One line of `actorstream chat --json` or `chat history --json` (ChatJsonLine): "event", "presence", "connection",
/// "refused" or "sent". Fields a type does not carry are left at their defaults.
/// </summary>
public sealed record ChatJsonLine(string Type, long Sequence, string Kind, string Name, string Text, long Target, bool Connected,
    bool Joined, string Reason, string Detail)
{
    public bool IsMessage => Type == "event" && Kind == "message";

    public bool IsOutcome => Type is "sent" or "refused";

    /// <summary>The line read as JSON, or null when it is not a JSON object with a "type" (a log line, a blank).</summary>
    public static ChatJsonLine? TryParse(string line)
    {
        if (!line.StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type))
            {
                return null;
            }

            return new ChatJsonLine(type.GetString() ?? "", Number(root, "sequence"), String(root, "kind"), String(root, "name"), String(root, "text"),
                Number(root, "target"), Flag(root, "connected"), Flag(root, "joined"), String(root, "reason"), String(root, "detail"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Every line of <paramref name="lines"/> that parses.</summary>
    public static IReadOnlyList<ChatJsonLine> ParseAll(IEnumerable<string> lines) =>
        lines.Select(TryParse).OfType<ChatJsonLine>().ToList();

    public override string ToString() => Type switch
    {
        "event" => $"#{Sequence} {Kind} {Name}: {Text}" + (Target != 0 ? $" (target #{Target})" : ""),
        "sent" => $"sent #{Sequence}",
        "refused" => $"refused {Reason}: {Detail}",
        "connection" => $"connection {(Connected ? "up" : "down")} {Name} {Detail}",
        _ => $"{Type} {Name} {Joined}",
    };

    private static string String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static long Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;

    private static bool Flag(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
