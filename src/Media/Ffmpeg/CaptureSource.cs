using System.Diagnostics.CodeAnalysis;

namespace ActorStream.Media.Ffmpeg;

/// <summary>A video source: the test pattern, a file, or a V4L2 device.</summary>
public sealed record CaptureSource
{
    private CaptureSource(CaptureSourceKind kind, string? path)
    {
        Kind = kind;
        Path = path;
    }

    public static CaptureSource TestPattern { get; } = new(CaptureSourceKind.TestPattern, null);

    public CaptureSourceKind Kind { get; }

    /// <summary>The file path or device path; null for the test pattern.</summary>
    public string? Path { get; }

    public static CaptureSource File(string path) =>
        string.IsNullOrWhiteSpace(path)
            ? throw new ArgumentException("A file source needs a path.", nameof(path))
            : new CaptureSource(CaptureSourceKind.File, path);

    public static CaptureSource V4l2(string device) =>
        string.IsNullOrWhiteSpace(device)
            ? throw new ArgumentException("A v4l2 source needs a device path.", nameof(device))
            : new CaptureSource(CaptureSourceKind.V4l2, device);

    /// <summary>Parses the command-line form: <c>testsrc</c>, <c>file:PATH</c> or <c>v4l2:/dev/videoN</c>.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out CaptureSource? source, out string error)
    {
        source = null;
        error = string.Empty;
        var value = text?.Trim() ?? string.Empty;
        if (value.Length == 0)
        {
            error = "The video source is empty. Use testsrc, file:PATH or v4l2:/dev/video0.";
            return false;
        }

        if (value.Equals("testsrc", StringComparison.OrdinalIgnoreCase) || value.Equals("testsrc2", StringComparison.OrdinalIgnoreCase))
        {
            source = TestPattern;
            return true;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon < 0 ? value : value[..colon];
        var rest = colon < 0 ? string.Empty : value[(colon + 1)..];
        switch (scheme.ToLowerInvariant())
        {
            case "file":
                if (rest.Length == 0)
                {
                    error = "The file source has no path. Use file:PATH, e.g. file:/srv/video/loop.mp4.";
                    return false;
                }

                source = File(rest);
                return true;
            case "v4l2":
                if (rest.Length == 0)
                {
                    error = "The v4l2 source has no device. Use v4l2:/dev/video0.";
                    return false;
                }

                if (!rest.StartsWith("/dev/", StringComparison.Ordinal))
                {
                    error = $"The v4l2 device '{rest}' is not a /dev path. Use v4l2:/dev/video0.";
                    return false;
                }

                source = V4l2(rest);
                return true;
            default:
                error = $"Unknown video source '{value}'. Use testsrc, file:PATH or v4l2:/dev/video0.";
                return false;
        }
    }

    /// <summary>Parses like <see cref="TryParse"/> and throws <see cref="FormatException"/> with the error.</summary>
    public static CaptureSource Parse(string? text) =>
        TryParse(text, out var source, out var error) ? source : throw new FormatException(error);

    public override string ToString() => Kind switch
    {
        CaptureSourceKind.TestPattern => "testsrc",
        CaptureSourceKind.File => $"file:{Path}",
        _ => $"v4l2:{Path}",
    };
}
