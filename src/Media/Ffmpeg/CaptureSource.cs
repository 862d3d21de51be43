using System.Diagnostics.CodeAnalysis;

namespace ActorStream.Media.Ffmpeg;

/// <summary>A video source: a generated pattern, a file, a V4L2 device, or a camera or file opened by OpenCV.</summary>
public sealed record CaptureSource
{
    private CaptureSource(CaptureSourceKind kind, string? path)
    {
        Kind = kind;
        Path = path;
    }

    /// <summary>ffmpeg's lavfi patterns a station may show; testsrc2 is the default (moving, with a counter).</summary>
    public static IReadOnlyList<string> Patterns { get; } = ["testsrc2", "testsrc", "smptebars", "smptehdbars", "rgbtestsrc", "mandelbrot", "life"];

    public static CaptureSource TestPattern { get; } = new(CaptureSourceKind.TestPattern, null);

    /// <summary>The lavfi pattern this source generates (for <see cref="CaptureSourceKind.TestPattern"/>).</summary>
    public string PatternName => Kind == CaptureSourceKind.TestPattern ? Path ?? "testsrc2" : throw new InvalidOperationException("Not a pattern.");

    public CaptureSourceKind Kind { get; }

    /// <summary>The file path, device path or OpenCV camera index; the pattern's name when not the default; null for testsrc2.</summary>
    public string? Path { get; }

    public static CaptureSource File(string path) =>
        string.IsNullOrWhiteSpace(path)
            ? throw new ArgumentException("A file source needs a path.", nameof(path))
            : new CaptureSource(CaptureSourceKind.File, path);

    public static CaptureSource V4l2(string device) =>
        string.IsNullOrWhiteSpace(device)
            ? throw new ArgumentException("A v4l2 source needs a device path.", nameof(device))
            : new CaptureSource(CaptureSourceKind.V4l2, device);

    public static CaptureSource OpenCvDevice(int index) =>
        index < 0
            ? throw new ArgumentOutOfRangeException(nameof(index), "A camera index is 0 or more.")
            : new CaptureSource(CaptureSourceKind.OpenCvDevice, index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static CaptureSource OpenCvFile(string path) =>
        string.IsNullOrWhiteSpace(path)
            ? throw new ArgumentException("An opencv:file: source needs a path.", nameof(path))
            : new CaptureSource(CaptureSourceKind.OpenCvFile, path);

    /// <summary>The camera index of an <see cref="CaptureSourceKind.OpenCvDevice"/> source.</summary>
    public int DeviceIndex => Kind == CaptureSourceKind.OpenCvDevice
        ? int.Parse(Path!, System.Globalization.CultureInfo.InvariantCulture)
        : throw new InvalidOperationException("Not an OpenCV camera.");

    /// <summary>
    /// Parses the command-line form: <c>testsrc</c> (or <c>testsrc:PATTERN</c>, one of <see cref="Patterns"/>),
    /// <c>file:PATH</c>, <c>v4l2:/dev/videoN</c>, <c>opencv:INDEX</c> or <c>opencv:file:PATH</c>.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out CaptureSource? source, out string error)
    {
        source = null;
        error = string.Empty;
        var value = text?.Trim() ?? string.Empty;
        if (value.Length == 0)
        {
            error = "The video source is empty. Use testsrc[:PATTERN], file:PATH, v4l2:/dev/video0, opencv:INDEX or opencv:file:PATH.";
            return false;
        }

        if (value.Equals("testsrc", StringComparison.OrdinalIgnoreCase) || value.Equals("testsrc2", StringComparison.OrdinalIgnoreCase))
        {
            source = TestPattern;
            return true;
        }

        if (value.StartsWith("testsrc:", StringComparison.OrdinalIgnoreCase))
        {
            var pattern = value["testsrc:".Length..].ToLowerInvariant();
            if (!Patterns.Contains(pattern))
            {
                error = $"Unknown test pattern '{pattern}'. Use testsrc:NAME with one of: {string.Join(", ", Patterns)}.";
                return false;
            }

            source = pattern == "testsrc2" ? TestPattern : new CaptureSource(CaptureSourceKind.TestPattern, pattern);
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
            case "opencv":
                if (rest.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
                {
                    var path = rest["file:".Length..];
                    if (path.Length == 0)
                    {
                        error = "The opencv:file: source has no path. Use opencv:file:PATH.";
                        return false;
                    }

                    source = OpenCvFile(path);
                    return true;
                }

                if (int.TryParse(rest, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
                {
                    source = OpenCvDevice(index);
                    return true;
                }

                error = $"The OpenCV source '{value}' is neither a camera index nor a file. Use opencv:0 or opencv:file:PATH.";
                return false;
            default:
                error = $"Unknown video source '{value}'. Use testsrc[:PATTERN], file:PATH, v4l2:/dev/video0, opencv:INDEX or opencv:file:PATH.";
                return false;
        }
    }

    /// <summary>Parses like <see cref="TryParse"/> and throws <see cref="FormatException"/> with the error.</summary>
    public static CaptureSource Parse(string? text) =>
        TryParse(text, out var source, out var error) ? source : throw new FormatException(error);

    public override string ToString() => Kind switch
    {
        CaptureSourceKind.TestPattern => Path is null ? "testsrc" : $"testsrc:{Path}",
        CaptureSourceKind.File => $"file:{Path}",
        CaptureSourceKind.OpenCvDevice => $"opencv:{Path}",
        CaptureSourceKind.OpenCvFile => $"opencv:file:{Path}",
        _ => $"v4l2:{Path}",
    };
}
