using System.Globalization;
using System.Text.RegularExpressions;

namespace ActorStream.EndToEnd.Tests.Support.Chat;

/// <summary>A chat line a viewer node prints: "chat: [#12 14:03:07] ann: hello" (ChatLineFormat with the viewer's prefix).</summary>
public sealed partial record ViewerChatLine(long Sequence, string Name, string Text)
{
    /// <summary>The line as a message, or null when it is not a chat message line (a status line, an announcement, a join).</summary>
    public static ViewerChatLine? TryParse(string line) =>
        Message().Match(line) is { Success: true } m
            ? new ViewerChatLine(long.Parse(m.Groups["sequence"].Value, CultureInfo.InvariantCulture), m.Groups["name"].Value, m.Groups["text"].Value)
            : null;

    /// <summary>The message lines of <paramref name="viewer"/> so far.</summary>
    public static IReadOnlyList<ViewerChatLine> All(NodeProcess viewer) => viewer.StdoutLines.Select(TryParse).OfType<ViewerChatLine>().ToList();

    // A name is letters, digits, '-', '_' and '.', so the first ": " after it ends it; "***" opens an announcement.
    [GeneratedRegex(@"^chat: \[#(?<sequence>\d+) \d\d:\d\d:\d\d\] (?<name>[\p{L}\p{N}._-]+): (?<text>.*)$")]
    private static partial Regex Message();
}
