using System.Globalization;

namespace ActorStream.Nodes.Viewer;

/// <summary>
/// Turns a viewer's keys into actions: a number switches to that station (1-9 at once when there are at most nine
/// stations; otherwise digits then Enter, or as soon as no longer number is possible), p pauses, r resumes, l lists,
/// q quits. Keys come one at a time from a terminal (<see cref="Key"/>) or a line at a time from redirected stdin
/// (<see cref="Line"/>, where a line of digits is one number and any other line is a sequence of keys).
/// </summary>
public sealed class ViewerKeyDecoder
{
    /// <summary>Digits can make a number up to this long; more is a mistake (no seed runs that many stations).</summary>
    private const int MaxDigits = 6;

    private string _digits = string.Empty;

    /// <summary>Digits typed so far toward a number not yet complete.</summary>
    public string PendingDigits => _digits;

    /// <summary>One key pressed; null while a number is still being typed (or for Backspace).</summary>
    /// <param name="stations">How many stations are listed now (decides whether one digit is a whole number).</param>
    public ViewerAction? Key(char key, int stations)
    {
        if (char.IsAsciiDigit(key))
        {
            _digits += key;
            var number = int.Parse(_digits, CultureInfo.InvariantCulture);
            // Complete when another digit could only name a station that does not exist.
            if (_digits.Length >= MaxDigits || number == 0 || (long)number * 10 > stations)
            {
                _digits = string.Empty;
                return ViewerAction.SwitchTo(number);
            }

            return null;
        }

        if (key is '\r' or '\n')
        {
            if (_digits.Length == 0)
            {
                return null;
            }

            var number = int.Parse(_digits, CultureInfo.InvariantCulture);
            _digits = string.Empty;
            return ViewerAction.SwitchTo(number);
        }

        if (key is '\b' or (char)127)
        {
            _digits = _digits.Length > 0 ? _digits[..^1] : _digits;
            return null;
        }

        _digits = string.Empty;
        return char.ToLowerInvariant(key) switch
        {
            'p' => new ViewerAction(ViewerActionKind.Pause),
            'r' => new ViewerAction(ViewerActionKind.Resume),
            'l' => new ViewerAction(ViewerActionKind.List),
            'q' => new ViewerAction(ViewerActionKind.Quit),
            ' ' or '\t' => null,
            _ => new ViewerAction(ViewerActionKind.Help),
        };
    }

    /// <summary>One line of redirected stdin: "2" (or "12") switches; "p", "r", "l", "q", or several keys ("pr") in order.</summary>
    public IReadOnlyList<ViewerAction> Line(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        _digits = string.Empty;
        var text = line.Trim();
        if (text.Length == 0)
        {
            return [];
        }

        if (text.All(char.IsAsciiDigit))
        {
            return [ViewerAction.SwitchTo(text.Length > MaxDigits ? int.MaxValue : int.Parse(text, CultureInfo.InvariantCulture))];
        }

        var actions = new List<ViewerAction>();
        foreach (var key in text)
        {
            // Among other keys a digit stands alone: "p2r" pauses, switches to 2, resumes.
            var action = char.IsAsciiDigit(key) ? ViewerAction.SwitchTo(key - '0') : Key(key, 0);
            if (action is { } a)
            {
                actions.Add(a);
            }
        }

        return actions;
    }
}
