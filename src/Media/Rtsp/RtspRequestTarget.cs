namespace ActorStream.Media.Rtsp;

/// <summary>
/// What a request URI names on this server: rtsp://host[:port]/STATION[/CONTROL] (RFC 2326 section 3.2), where
/// CONTROL is a track's a=control (e.g. "trackID=0"). A query string is ignored. "*" (OPTIONS *) names no station.
/// </summary>
public sealed record RtspRequestTarget(string Station, string? Control)
{
    /// <summary>The station and track, or false with an error naming what is wrong.</summary>
    public static bool TryParse(string? uri, out RtspRequestTarget? url, out string error)
    {
        url = null;
        if (string.IsNullOrEmpty(uri)) { error = "request URI is empty"; return false; }
        string path;
        if (uri.StartsWith('/'))
        {
            path = uri;
        }
        else
        {
            var scheme = uri.IndexOf("://", StringComparison.Ordinal);
            if (scheme < 0 || !uri[..scheme].Equals("rtsp", StringComparison.OrdinalIgnoreCase))
            { error = "request URI is not an rtsp:// URL"; return false; }
            var slash = uri.IndexOf('/', scheme + 3);
            path = slash < 0 ? "/" : uri[slash..];
        }

        var query = path.IndexOfAny(['?', '#']);
        if (query >= 0) path = path[..query];
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) { error = "request URI names no station"; return false; }
        if (parts.Length > 2) { error = "request URI has more than station and track"; return false; }
        var station = Uri.UnescapeDataString(parts[0]);
        url = new RtspRequestTarget(station, parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : null);
        error = "";
        return true;
    }

    /// <summary>The station's URL ending in '/' as the client wrote it (scheme, host and port kept), for Content-Base.</summary>
    public static string ContentBase(string uri, string station)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var scheme = uri.IndexOf("://", StringComparison.Ordinal);
        var slash = scheme < 0 ? -1 : uri.IndexOf('/', scheme + 3);
        var authority = slash < 0 ? uri : uri[..slash];
        return $"{authority}/{Uri.EscapeDataString(station)}/";
    }
}
