using System.Text;

namespace ActorStream.Media.Rtsp;

/// <summary>
/// A response a client read off its connection (RFC 2326 section 7): status, reason, headers and body. CSeq is null
/// when the server sent none or not a number (a client then cannot match it to a request).
/// </summary>
public sealed record RtspReply(int StatusCode, string Reason, int? CSeq, RtspHeaders Headers, ReadOnlyMemory<byte> Body) : RtspInbound
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    public string BodyText => Encoding.UTF8.GetString(Body.Span);

    public override string ToString() => $"{StatusCode} {Reason}";
}
