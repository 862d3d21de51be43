namespace ActorStream.Media.Sdp;

/// <summary>
/// One m= section of a description with several (RFC 8866 §5.14), as an RTSP DESCRIBE answers: the m= line's
/// fields, all its formats, and the a= lines that follow it (without "a=").
/// </summary>
public sealed record SdpMediaSection(string Type, int Port, string Protocol, IReadOnlyList<string> Formats, IReadOnlyList<string> Attributes)
{
    /// <summary>The value of the first a=<paramref name="name"/>:value attribute; null when there is none.</summary>
    public string? Attribute(string name)
    {
        var prefix = name + ":";
        return Attributes.FirstOrDefault(a => a.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];
    }

    /// <summary>
    /// The value of a=<paramref name="name"/>:FORMAT VALUE for one payload format (rtpmap, fmtp); null when absent.
    /// </summary>
    public string? FormatAttribute(string name, string format)
    {
        var prefix = name + ":" + format + " ";
        return Attributes.FirstOrDefault(a => a.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..].Trim();
    }
}
