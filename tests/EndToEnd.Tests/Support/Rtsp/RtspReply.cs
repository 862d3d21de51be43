using System.Globalization;
using System.Text;

namespace ActorStream.EndToEnd.Tests.Support.Rtsp;

/// <summary>One RTSP response as a client reads it off the wire: status line, headers (case-insensitive names), body.</summary>
public sealed record RtspReply(string Version, int Status, string Reason, IReadOnlyList<KeyValuePair<string, string>> Headers, string Body)
{
    /// <summary>The first header of that name (case-insensitive), or null.</summary>
    public string? Header(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    /// <summary>Every header of that name (WWW-Authenticate may come once per scheme).</summary>
    public IReadOnlyList<string> HeaderValues(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();

    /// <summary>The session id of the Session header, without ";timeout=".</summary>
    public string? SessionId => Header("Session")?.Split(';')[0].Trim();

    /// <summary>The timeout parameter of the Session header, or null when it names none.</summary>
    public int? SessionTimeoutSeconds =>
        Header("Session")?.Split(';').Skip(1).Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("timeout=", StringComparison.OrdinalIgnoreCase)) is { } t
            && int.TryParse(t["timeout=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;

    public int? CSeq => int.TryParse(Header("CSeq"), NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : null;

    public override string ToString()
    {
        var text = new StringBuilder($"{Version} {Status} {Reason}");
        foreach (var (key, value) in Headers)
        {
            text.Append(CultureInfo.InvariantCulture, $" | {key}: {value}");
        }

        return Body.Length > 0 ? text.Append(CultureInfo.InvariantCulture, $" | body {Body.Length} chars").ToString() : text.ToString();
    }
}
