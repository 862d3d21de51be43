using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace ActorStream.Media.Receive;

/// <summary>
/// Splits a command line into argv the way a POSIX shell splits words, and nothing more: no variables, globs,
/// pipes or redirections are interpreted, so a command given on our command line or in a config can never
/// run anything but the one program it names. Whitespace separates words; '...' is literal; "..." is literal
/// except for \" \\ \$ and \`; a backslash outside quotes takes the next character literally.
/// </summary>
public static class CommandLineSplitter
{
    /// <summary>Limits that keep a hostile config from making huge argument vectors.</summary>
    public const int MaxLength = 8192;

    public const int MaxArguments = 256;

    public static bool TrySplit(string? commandLine, [NotNullWhen(true)] out IReadOnlyList<string>? argv, out string error)
    {
        argv = null;
        error = string.Empty;
        var text = commandLine ?? string.Empty;
        if (text.Length > MaxLength)
        {
            error = $"The command is {text.Length} characters long; at most {MaxLength} are allowed.";
            return false;
        }

        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }

                i++;
                continue;
            }

            if (char.IsControl(c))
            {
                error = $"The command contains a control character (code {(int)c}) at position {i + 1}.";
                return false;
            }

            inWord = true;
            switch (c)
            {
                case '\'':
                {
                    var close = text.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        error = $"The single quote at position {i + 1} is not closed.";
                        return false;
                    }

                    word.Append(text, i + 1, close - i - 1);
                    i = close + 1;
                    break;
                }

                case '"':
                {
                    var j = i + 1;
                    var closed = false;
                    while (j < text.Length)
                    {
                        var d = text[j];
                        if (d == '"')
                        {
                            closed = true;
                            break;
                        }

                        if (d == '\\' && j + 1 < text.Length && text[j + 1] is '"' or '\\' or '$' or '`')
                        {
                            word.Append(text[j + 1]);
                            j += 2;
                            continue;
                        }

                        word.Append(d);
                        j++;
                    }

                    if (!closed)
                    {
                        error = $"The double quote at position {i + 1} is not closed.";
                        return false;
                    }

                    i = j + 1;
                    break;
                }

                case '\\':
                    if (i + 1 >= text.Length)
                    {
                        error = "The command ends with a lone backslash.";
                        return false;
                    }

                    word.Append(text[i + 1]);
                    i += 2;
                    break;
                default:
                    word.Append(c);
                    i++;
                    break;
            }

            if (words.Count >= MaxArguments)
            {
                error = $"The command has more than {MaxArguments} arguments.";
                return false;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        if (words.Count > MaxArguments)
        {
            error = $"The command has more than {MaxArguments} arguments.";
            return false;
        }

        if (words.Count == 0 || words[0].Length == 0)
        {
            error = "The command is empty; give a program and its arguments, e.g. \"ffplay -\".";
            return false;
        }

        argv = words;
        return true;
    }

    /// <summary>Splits like <see cref="TrySplit"/>; throws <see cref="FormatException"/> with the error.</summary>
    public static IReadOnlyList<string> Split(string? commandLine) =>
        TrySplit(commandLine, out var argv, out var error) ? argv : throw new FormatException(error);
}
