using System.Text;

namespace ActorStream.Media.Rtsp;

/// <summary>The auth-param list of a challenge or credentials: name=token or name="quoted string", comma separated.</summary>
internal static class AuthParameters
{
    public static string Quote(string value)
    {
        if (value.Any(c => c is '\r' or '\n' or '\0')) throw new ArgumentException("Value holds a line break", nameof(value));
        return value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
    }

    /// <summary>Parses "a=b, c=\"d\"" into a case-insensitive map; false with an error when it is not that shape.</summary>
    public static bool TryParse(string text, out Dictionary<string, string> values, out string error)
    {
        values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (true)
        {
            while (i < text.Length && (text[i] is ' ' or '\t' or ',')) i++;
            if (i >= text.Length) break;
            var start = i;
            while (i < text.Length && text[i] is not ('=' or ' ' or '\t' or ',')) i++;
            var name = text[start..i];
            if (!RtspRequestParser.IsToken(name)) { error = "an auth parameter name is not a token"; return false; }
            while (i < text.Length && text[i] is ' ' or '\t') i++;
            if (i >= text.Length || text[i] != '=') { error = $"auth parameter {name} has no value"; return false; }
            i++;
            while (i < text.Length && text[i] is ' ' or '\t') i++;
            string value;
            if (i < text.Length && text[i] == '"')
            {
                var sb = new StringBuilder();
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    var c = text[i++];
                    if (c == '"') { closed = true; break; }
                    if (c == '\\' && i < text.Length) c = text[i++];
                    sb.Append(c);
                }
                if (!closed) { error = $"auth parameter {name} has an unterminated quoted string"; return false; }
                value = sb.ToString();
            }
            else
            {
                start = i;
                while (i < text.Length && text[i] is not (',' or ' ' or '\t')) i++;
                value = text[start..i];
            }
            if (!values.TryAdd(name, value)) { error = $"auth parameter {name} appears twice"; return false; }
            while (i < text.Length && text[i] is ' ' or '\t') i++;
            if (i < text.Length && text[i] != ',') { error = $"auth parameter {name} is followed by junk"; return false; }
        }
        error = "";
        return true;
    }
}
