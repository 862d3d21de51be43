using System.Globalization;

namespace ActorStream.Nodes.Chat;

/// <summary>What a line typed into the interactive chat asks for.</summary>
public enum ChatInputKind
{
    /// <summary>Send <see cref="ChatInputLine.Text"/> as a message.</summary>
    Message,

    /// <summary>/history [N]: show N (default <see cref="ChatInputLine.DefaultHistory"/>) messages older than those shown.</summary>
    History,

    /// <summary>/announce TEXT: ask the room to announce (it refuses: only the host may).</summary>
    Announce,

    /// <summary>/announcements: list the announcements in force.</summary>
    Announcements,

    /// <summary>/help: list the commands.</summary>
    Help,

    /// <summary>/quit: leave.</summary>
    Quit,

    /// <summary>Nothing to do (an empty line).</summary>
    Nothing,

    /// <summary>A command that does not exist or is malformed; <see cref="ChatInputLine.Text"/> says what is wrong.</summary>
    Invalid,
}

/// <summary>
/// One line typed into `actorstream chat` on a terminal: a message, or a command starting with '/' ("//" sends a
/// message that starts with '/'). Plain parsing, tested without a terminal.
/// </summary>
public sealed record ChatInputLine(ChatInputKind Kind, string Text = "", int Count = 0)
{
    public const int DefaultHistory = 20;

    public const string Help =
        "commands: /history [N] older messages (default 20), /announcements those in force, /announce TEXT (host only), " +
        "/quit (or Ctrl+D, Ctrl+C); //text sends a message starting with '/'";

    public static ChatInputLine Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Trim().Length == 0)
        {
            return new ChatInputLine(ChatInputKind.Nothing);
        }

        if (!line.StartsWith('/'))
        {
            return new ChatInputLine(ChatInputKind.Message, line);
        }

        if (line.StartsWith("//", StringComparison.Ordinal))
        {
            return new ChatInputLine(ChatInputKind.Message, line[1..]);
        }

        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var command = (space < 0 ? line[1..] : line[1..space]).ToLowerInvariant();
        var rest = space < 0 ? "" : line[(space + 1)..].Trim();
        switch (command)
        {
            case "history" or "h":
                if (rest.Length == 0)
                {
                    return new ChatInputLine(ChatInputKind.History, Count: DefaultHistory);
                }

                return int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
                    ? new ChatInputLine(ChatInputKind.History, Count: count)
                    : new ChatInputLine(ChatInputKind.Invalid, $"/history takes a number of messages (1 or more), not '{rest}'");
            case "announce":
                return rest.Length > 0
                    ? new ChatInputLine(ChatInputKind.Announce, rest)
                    : new ChatInputLine(ChatInputKind.Invalid, "/announce needs the text to announce");
            case "announcements" or "a":
                return new ChatInputLine(ChatInputKind.Announcements);
            case "help" or "?":
                return new ChatInputLine(ChatInputKind.Help);
            case "quit" or "exit" or "q":
                return new ChatInputLine(ChatInputKind.Quit);
            default:
                return new ChatInputLine(ChatInputKind.Invalid, $"no command /{command}; {Help}");
        }
    }
}
