namespace ActorStream.Media.Rtsp;

/// <summary>One thing the request parser took off a connection: a request, an interleaved frame or an error to answer.</summary>
public abstract record RtspInbound;

/// <summary>A complete, well-formed RTSP/1.0 request.</summary>
public sealed record RtspRequest(string Method, string Uri, string Version, int CSeq, RtspHeaders Headers, ReadOnlyMemory<byte> Body) : RtspInbound
{
    public string? Session => Headers["Session"];
}

/// <summary>
/// A '$'-framed binary packet between requests (RFC 2326 section 10.12): a client sends its RTCP receiver
/// reports this way when it plays over TCP.
/// </summary>
public sealed record InterleavedFrame(byte Channel, ReadOnlyMemory<byte> Payload) : RtspInbound;

/// <summary>
/// A request that cannot be served. StatusCode is what to answer; CSeq is echoed when it was read. When
/// CloseConnection is set the byte stream lost its framing: answer, then close (the parser takes nothing more).
/// </summary>
public sealed record RtspParseError(int StatusCode, string Reason, bool CloseConnection, int? CSeq = null) : RtspInbound;
