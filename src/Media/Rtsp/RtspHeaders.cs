namespace ActorStream.Media.Rtsp;

/// <summary>Header fields of one RTSP message in arrival order; names compare case-insensitively (RFC 2326 section 4.2).</summary>
public sealed class RtspHeaders
{
    private readonly List<KeyValuePair<string, string>> _fields;

    public RtspHeaders(IEnumerable<KeyValuePair<string, string>> fields) => _fields = [.. fields];

    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    public int Count => _fields.Count;

    /// <summary>The first value of a header, or null when absent.</summary>
    public string? this[string name] => _fields.FirstOrDefault(f => string.Equals(f.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public IEnumerable<string> All(string name) =>
        _fields.Where(f => string.Equals(f.Key, name, StringComparison.OrdinalIgnoreCase)).Select(f => f.Value);

    public bool Contains(string name) => this[name] is not null;
}
