using System.Text;

namespace ActorStream.Media.Ffmpeg;

/// <summary>
/// ffmpeg filter graphs are parsed twice: once as a graph (where , ; [ ] separate filters) and once per
/// filter's option list (where : separates options). A value with any of those characters, such as a font
/// path, must be escaped for both levels, innermost first.
/// </summary>
public static class FilterEscaping
{
    /// <summary>Escapes a value for use as one filter option inside a filter graph string.</summary>
    public static string EscapeOptionValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var option = Escape(value, "\\':");
        return Escape(option, "\\'[],;");
    }

    private static string Escape(string value, string special)
    {
        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (special.Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
