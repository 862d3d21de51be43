using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ActorStream.Media.Rtsp;

/// <summary>
/// An rtsp://HOST[:PORT]/PATH URL as a player is given it (RFC 2326 section 3.2). Credentials written into it
/// (rtsp://user:pass@host/...) are taken out: they go to authentication, never into requests or messages.
/// </summary>
public sealed record RtspUrl
{
    public const int DefaultPort = 554;

    private RtspUrl(string host, int port, string path, string? user, string? password)
    {
        Host = host;
        Port = port;
        Path = path;
        User = user;
        Password = password;
    }

    public string Host { get; }

    public int Port { get; }

    /// <summary>The path with its leading '/', e.g. "/main"; "/" for none.</summary>
    public string Path { get; }

    public string? User { get; }

    public string? Password { get; }

    /// <summary>The last segment of the path: the station's (or mount's) name.</summary>
    public string Name => Path.TrimEnd('/').Split('/')[^1] is { Length: > 0 } last ? Uri.UnescapeDataString(last) : Host;

    /// <summary>The URL for requests: no credentials.</summary>
    public string Text => string.Create(CultureInfo.InvariantCulture, $"rtsp://{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}{Path}");

    public override string ToString() => Text;

    public static bool TryParse(string? text, [NotNullWhen(true)] out RtspUrl? url, out string error)
    {
        url = null;
        var value = text?.Trim() ?? "";
        if (!value.StartsWith("rtsp://", StringComparison.OrdinalIgnoreCase))
        {
            error = $"'{Shorten(value)}' is not an rtsp:// URL (e.g. rtsp://seed:8554/main).";
            return false;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            error = $"'{Shorten(value)}' is not a valid URL: it needs a host, e.g. rtsp://seed:8554/main.";
            return false;
        }

        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0 || value.Contains(' ', StringComparison.Ordinal))
        {
            error = "The URL must not hold spaces or line breaks.";
            return false;
        }

        string? user = null;
        string? password = null;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            password = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }

        var port = uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port;
        var host = uri.Host.Trim('[', ']');
        url = new RtspUrl(host, port, uri.AbsolutePath.Length == 0 ? "/" : uri.AbsolutePath + uri.Query, user, password);
        error = "";
        return true;
    }

    /// <summary>
    /// Where a track's (or the session's) control attribute points, resolved against <paramref name="baseUrl"/>
    /// (Content-Base): "*" or empty is the base itself, an absolute rtsp:// URL stays, anything else is appended
    /// as a path segment (what servers mean by "trackID=1" or "stream=0").
    /// </summary>
    public static string ResolveControl(string baseUrl, string? control)
    {
        if (string.IsNullOrEmpty(control) || control == "*")
        {
            return baseUrl;
        }

        if (control.StartsWith("rtsp://", StringComparison.OrdinalIgnoreCase) || control.StartsWith("rtsps://", StringComparison.OrdinalIgnoreCase))
        {
            return control;
        }

        return baseUrl.EndsWith('/') ? baseUrl + control : baseUrl + "/" + control;
    }

    private static string Shorten(string s) => s.Length > 60 ? s[..60] + "..." : s;
}
