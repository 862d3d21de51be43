using System.Text;

namespace ActorStream.Media.Chat;

/// <summary>
/// Makes a chat text safe to print on anyone's terminal. A message travels from one user's keyboard (or pipe) to every
/// other user's terminal, so anything a terminal would act on instead of showing is removed: escape sequences (colour,
/// cursor moves, title sets, OSC 8 hyperlinks, device control strings), their 8-bit C1 forms, C0 controls and DEL,
/// and the bidirectional overrides and isolates that make a line read differently from what it holds ("Trojan
/// Source", CVE-2021-42574). Line breaks and tabs become one space so a message stays one line. Length limits are the
/// room's business and are checked on the cleaned text.
/// </summary>
public static class ChatText
{
    private const char Escape = '\u001B';
    private const char Bell = '\u0007';
    private const char Cancel = '\u0018';
    private const char Substitute = '\u001A';

    // The 8-bit (C1) forms of ESC P, ESC X, ESC [, ESC \, ESC ], ESC ^ and ESC _.
    private const char DeviceControlString = '\u0090';
    private const char StartOfString = '\u0098';
    private const char ControlSequenceIntroducer = '\u009B';
    private const char StringTerminator = '\u009C';
    private const char OperatingSystemCommand = '\u009D';
    private const char PrivacyMessage = '\u009E';
    private const char ApplicationProgramCommand = '\u009F';

    /// <summary>The text without escape sequences, control characters, bidirectional overrides and isolates, or
    /// unpaired surrogates; tabs and line breaks (with the spaces around them) become one space; trimmed. Never
    /// throws; one pass over the text; null gives "".</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var output = new StringBuilder(text.Length);
        var pendingSpaces = 0;
        var pendingBreak = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            switch (c)
            {
                case Escape:
                    i = SkipEscapeSequence(text, i + 1);
                    continue;
                case ControlSequenceIntroducer:
                    i = SkipControlSequence(text, i + 1);
                    continue;
                case OperatingSystemCommand:
                    i = SkipControlString(text, i + 1, bellEnds: true);
                    continue;
                case DeviceControlString or StartOfString or PrivacyMessage or ApplicationProgramCommand:
                    i = SkipControlString(text, i + 1, bellEnds: false);
                    continue;
                case ' ':
                    pendingSpaces++;
                    i++;
                    continue;
                case '\t' or '\n' or '\v' or '\f' or '\r' or '\u0085' or '\u2028' or '\u2029':
                    // Line breaks and tabs (NEL, LS and PS included): one space for the whole run of white space.
                    pendingBreak = true;
                    i++;
                    continue;
            }

            if (char.IsControl(c) || IsBidiControl(c))
            {
                i++;
                continue;
            }

            var length = 1;
            if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }

                length = 2;
            }

            if (output.Length > 0)
            {
                if (pendingBreak)
                {
                    output.Append(' ');
                }
                else
                {
                    output.Append(' ', pendingSpaces);
                }
            }

            pendingSpaces = 0;
            pendingBreak = false;
            output.Append(text, i, length);
            i += length;
        }

        // Leading and trailing ASCII white space never reached the output; this takes other Unicode spaces too.
        return output.ToString().Trim();
    }

    /// <summary>The left-to-right/right-to-left embeddings, overrides and isolates, and their pop characters.</summary>
    private static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    /// <summary>After an ESC at <paramref name="start"/> - 1: the index after the sequence it begins.</summary>
    private static int SkipEscapeSequence(string text, int start)
    {
        if (start >= text.Length)
        {
            return start;
        }

        switch (text[start])
        {
            case '[':
                return SkipControlSequence(text, start + 1);
            case ']':
                return SkipControlString(text, start + 1, bellEnds: true);
            case 'P' or 'X' or '^' or '_':
                return SkipControlString(text, start + 1, bellEnds: false);
        }

        // ESC, intermediates (0x20-0x2F), one final character (0x30-0x7E): ESC 7, ESC c, ESC ( B, ESC # 8 ...
        var i = start;
        while (i < text.Length && text[i] is >= '\u0020' and <= '\u002F')
        {
            i++;
        }

        return i < text.Length && text[i] is >= '\u0030' and <= '\u007E' ? i + 1 : i;
    }

    /// <summary>After CSI: parameters and intermediates (0x20-0x3F), then a final character (0x40-0x7E). Anything
    /// else ends the sequence early and is looked at on its own (a terminal would execute a control there).</summary>
    private static int SkipControlSequence(string text, int start)
    {
        var i = start;
        while (i < text.Length && text[i] is >= '\u0020' and <= '\u003F')
        {
            i++;
        }

        return i < text.Length && text[i] is >= '\u0040' and <= '\u007E' ? i + 1 : i;
    }

    /// <summary>After OSC, DCS, SOS, PM or APC: everything up to the string terminator (ESC \ or 0x9C; BEL too for
    /// OSC, as xterm takes it), CAN or SUB (which cancel it), or another ESC (which starts a new sequence). An
    /// unterminated string runs to the end of the text, as it would on a terminal.</summary>
    private static int SkipControlString(string text, int start, bool bellEnds)
    {
        for (var i = start; i < text.Length; i++)
        {
            switch (text[i])
            {
                case Escape:
                    return i + 1 < text.Length && text[i + 1] == '\\' ? i + 2 : i;
                case StringTerminator or Cancel or Substitute:
                    return i + 1;
                case Bell when bellEnds:
                    return i + 1;
            }
        }

        return text.Length;
    }
}
