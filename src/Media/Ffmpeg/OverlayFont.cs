namespace ActorStream.Media.Ffmpeg;

/// <summary>
/// Finds a TrueType font for the time overlay. drawtext needs either a font file or fontconfig; Debian's
/// ffmpeg is built with fontconfig, so when no file is found the overlay still works without one.
/// </summary>
public static class OverlayFont
{
    /// <summary>Fonts tried in order when none is configured.</summary>
    public static IReadOnlyList<string> Candidates { get; } =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    ];

    /// <summary>
    /// The configured font when it exists, else the first candidate that exists, else null
    /// (meaning: let fontconfig choose).
    /// </summary>
    public static string? Locate(string? configured = null) => Locate(configured, File.Exists);

    /// <summary>Same as <see cref="Locate(string?)"/> with the existence check supplied (for tests).</summary>
    public static string? Locate(string? configured, Func<string, bool> exists)
    {
        ArgumentNullException.ThrowIfNull(exists);
        if (!string.IsNullOrWhiteSpace(configured) && exists(configured))
        {
            return configured;
        }

        return Candidates.FirstOrDefault(exists);
    }
}
