using System.Globalization;
using System.Text;

namespace ActorStream.Media.Rtsp;

/// <summary>
/// An RTSP/1.0 response (RFC 2326 section 7) built up header by header and written to bytes. CSeq is echoed
/// first; Content-Length is written from the body.
/// </summary>
public sealed class RtspResponse
{
    private readonly List<KeyValuePair<string, string>> _headers = [];

    public RtspResponse(int statusCode, int? cseq, string? reason = null)
    {
        if (statusCode is < 100 or > 999) throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "must be three digits");
        StatusCode = statusCode;
        CSeq = cseq;
        Reason = reason ?? RtspStatus.ReasonPhrase(statusCode);
        CheckValue(nameof(reason), Reason);
    }

    public int StatusCode { get; }

    public int? CSeq { get; }

    public string Reason { get; }

    public ReadOnlyMemory<byte> Body { get; private set; }

    public string? ContentType { get; private set; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers => _headers;

    /// <summary>Adds a header; names must be tokens and values must not hold line breaks (no header injection).</summary>
    public RtspResponse With(string name, string value)
    {
        if (!RtspRequestParser.IsToken(name)) throw new ArgumentException($"Header name '{name}' is not a token", nameof(name));
        if (string.Equals(name, "CSeq", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"{name} is written by the response itself", nameof(name));
        CheckValue(name, value);
        _headers.Add(new(name, value));
        return this;
    }

    public RtspResponse WithSession(SessionHeader session) => With("Session", session.ToString());

    public RtspResponse WithTransport(RtspTransport transport) => With("Transport", transport.ToString());

    public RtspResponse WithRtpInfo(string rtpInfo) => With("RTP-Info", rtpInfo);

    public RtspResponse WithRange(string range) => With("Range", range);

    public RtspResponse WithPublic(IEnumerable<string> methods) => With("Public", string.Join(", ", methods));

    /// <summary>One WWW-Authenticate header per challenge, in the server's order of preference (RFC 7616 section 3.7).</summary>
    public RtspResponse WithWwwAuthenticate(IEnumerable<string> challenges)
    {
        foreach (var challenge in challenges) With("WWW-Authenticate", challenge);
        return this;
    }

    public RtspResponse WithBody(string contentType, ReadOnlyMemory<byte> body)
    {
        CheckValue("Content-Type", contentType);
        ContentType = contentType;
        Body = body;
        return this;
    }

    public RtspResponse WithBody(string contentType, string body) => WithBody(contentType, Encoding.UTF8.GetBytes(body));

    public byte[] ToBytes()
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"RTSP/1.0 {StatusCode} {Reason}\r\n");
        if (CSeq is { } cseq) head.Append(CultureInfo.InvariantCulture, $"CSeq: {cseq}\r\n");
        foreach (var (name, value) in _headers) head.Append(name).Append(": ").Append(value).Append("\r\n");
        if (ContentType is not null) head.Append("Content-Type: ").Append(ContentType).Append("\r\n");
        if (!Body.IsEmpty) head.Append(CultureInfo.InvariantCulture, $"Content-Length: {Body.Length}\r\n");
        head.Append("\r\n");
        var headBytes = Encoding.UTF8.GetBytes(head.ToString());
        var bytes = new byte[headBytes.Length + Body.Length];
        headBytes.CopyTo(bytes, 0);
        Body.Span.CopyTo(bytes.AsSpan(headBytes.Length));
        return bytes;
    }

    public override string ToString() => Encoding.UTF8.GetString(ToBytes());

    private static void CheckValue(string name, string value)
    {
        if (value.Any(c => c is '\r' or '\n' or '\0'))
            throw new ArgumentException($"Value of {name} holds a line break", nameof(value));
    }
}
