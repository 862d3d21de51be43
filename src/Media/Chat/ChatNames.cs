using System.Buffers;
using System.Globalization;
using System.Text;

namespace ActorStream.Media.Chat;

/// <summary>
/// Display names in the chat: letters (any script) and digits, '-', '_' and '.', starting with a letter or digit, at
/// most a configured number of characters (Unicode scalar values, so a letter outside the BMP counts once). No spaces,
/// controls or other punctuation, so a name cannot pose as another line's prefix or carry terminal tricks. Two names
/// that differ only in case are the same name.
/// </summary>
public static class ChatNames
{
    /// <summary>The name given when a host name has nothing usable.</summary>
    public const string Fallback = "viewer";

    private const string Allowed = "letters, digits, '-', '_' and '.'";

    /// <summary>How names compare: case does not make a different name.</summary>
    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    /// <summary>Null when <paramref name="name"/> is a valid name; else why not, in words a user can act on.</summary>
    public static string? Problem(string? name, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        if (string.IsNullOrEmpty(name))
        {
            return "the name is empty";
        }

        var characters = 0;
        string? badCharacter = null;
        var badPosition = 0;
        var first = true;
        var firstIsLetterOrDigit = false;
        var rest = name.AsSpan();
        while (!rest.IsEmpty)
        {
            var status = Rune.DecodeFromUtf16(rest, out var rune, out var consumed);
            characters++;
            var valid = status == OperationStatus.Done && IsNameCharacter(rune);
            if (!valid && badCharacter is null)
            {
                badCharacter = status == OperationStatus.Done ? Describe(rune) : $"an unpaired surrogate U+{(int)rest[0]:X4}";
                badPosition = characters;
            }

            if (first)
            {
                firstIsLetterOrDigit = status == OperationStatus.Done && Rune.IsLetterOrDigit(rune);
                first = false;
            }

            rest = rest[consumed..];
        }

        if (characters > maxLength)
        {
            return $"the name is longer than {maxLength} characters (it has {characters})";
        }

        if (badCharacter is not null)
        {
            return $"the name may hold only {Allowed} (it has {badCharacter} at character {badPosition})";
        }

        return firstIsLetterOrDigit ? null : "the name must start with a letter or digit";
    }

    /// <summary>A valid name made from a host name: its first label, other characters turned into '-', without
    /// leading '-' or '_', cut to <paramref name="maxLength"/> characters; <see cref="Fallback"/> when nothing is
    /// left.</summary>
    public static string FromHostName(string? hostName, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        var label = (hostName ?? "").AsSpan();
        var dot = label.IndexOf('.');
        if (dot >= 0)
        {
            label = label[..dot];
        }

        var name = new StringBuilder(label.Length);
        var characters = 0;
        while (!label.IsEmpty && characters < maxLength)
        {
            var status = Rune.DecodeFromUtf16(label, out var rune, out var consumed);
            label = label[consumed..];
            if (status == OperationStatus.Done && Rune.IsLetterOrDigit(rune))
            {
                name.Append(rune.ToString());
            }
            else if (name.Length == 0)
            {
                continue; // a name starts with a letter or digit
            }
            else
            {
                name.Append(status == OperationStatus.Done && rune.Value == '_' ? '_' : '-');
            }

            characters++;
        }

        return name.Length > 0 ? name.ToString() : Fallback[..Math.Min(Fallback.Length, maxLength)];
    }

    private static bool IsNameCharacter(Rune rune) => Rune.IsLetterOrDigit(rune) || rune.Value is '-' or '_' or '.';

    /// <summary>A character as a user can read it in a message: quoted when visible, else its code point.</summary>
    private static string Describe(Rune rune)
    {
        if (rune.Value == ' ')
        {
            return "a space";
        }

        var category = Rune.GetUnicodeCategory(rune);
        var visible = category is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.SpaceSeparator
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.SpacingCombiningMark);
        return visible ? $"'{rune}'" : $"U+{rune.Value:X4}";
    }
}
