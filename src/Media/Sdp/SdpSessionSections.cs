namespace ActorStream.Media.Sdp;

/// <summary>A description split into its session-level a= lines and its media sections (RTSP DESCRIBE answers).</summary>
public sealed record SdpSessionSections(string Name, IReadOnlyList<string> Attributes, IReadOnlyList<SdpMediaSection> Media)
{
    /// <summary>The value of the first session-level a=<paramref name="name"/>:value attribute; null when there is none.</summary>
    public string? Attribute(string name)
    {
        var prefix = name + ":";
        return Attributes.FirstOrDefault(a => a.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];
    }
}
