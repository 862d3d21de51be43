using System.Buffers;
using System.Globalization;
using System.Text;

namespace ActorStream.Media.Rtsp;

/// <summary>
/// Incremental RTSP/1.0 request parser (RFC 2326 sections 6 and 10.12) for one connection: feed the bytes as
/// they arrive, in any pieces, and take out the complete requests, interleaved frames and errors. It never
/// throws on input; a framing error is reported once and then the parser is faulted (the connection should close).
/// </summary>
public sealed class RtspRequestParser
{
    private readonly RtspParserLimits _limits;
    private byte[] _buffer = new byte[1024];
    private int _length;

    // Head parsing state, kept across Feed calls so byte-by-byte input is scanned once.
    private int _scanned;
    private int _lineStart;
    private string? _requestLine;
    private readonly List<KeyValuePair<string, string>> _headers = [];
    private Head? _head;

    public RtspRequestParser(RtspParserLimits? limits = null)
    {
        _limits = limits ?? RtspParserLimits.Default;
        _limits.Validate();
    }

    /// <summary>True after a framing error: further input is ignored and the connection should be closed.</summary>
    public bool IsFaulted { get; private set; }

    /// <summary>Bytes held for an incomplete request or frame.</summary>
    public int Buffered => _length;

    public IReadOnlyList<RtspInbound> Feed(ReadOnlySequence<byte> data)
    {
        var results = new List<RtspInbound>();
        foreach (var segment in data)
            results.AddRange(Feed(segment.Span));
        return results;
    }

    public IReadOnlyList<RtspInbound> Feed(ReadOnlySpan<byte> data)
    {
        var results = new List<RtspInbound>();
        if (IsFaulted) return results;
        // Take the input in slices no larger than the biggest thing we might hold, so a flood is refused early.
        var chunk = Math.Max(_limits.MaxHeadSize, 4 + ushort.MaxValue);
        while (!data.IsEmpty && !IsFaulted)
        {
            var take = Math.Min(data.Length, chunk);
            Append(data[..take]);
            data = data[take..];
            Drain(results);
        }
        return results;
    }

    private void Append(ReadOnlySpan<byte> data)
    {
        if (_length + data.Length > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + data.Length));
        data.CopyTo(_buffer.AsSpan(_length));
        _length += data.Length;
    }

    private void Drain(List<RtspInbound> results)
    {
        while (!IsFaulted)
        {
            var item = TryTakeOne();
            if (item is null) return;
            if (item is RtspParseError { CloseConnection: true })
            {
                IsFaulted = true;
                _length = 0;
            }
            results.Add(item);
        }
    }

    private RtspInbound? TryTakeOne()
    {
        if (_head is not null) return TryTakeBody(_head);
        if (_requestLine is null && _scanned == 0)
        {
            // Between messages: blank lines are tolerated, '$' starts an interleaved frame.
            var skip = 0;
            while (skip < _length && (_buffer[skip] == '\r' || _buffer[skip] == '\n')) skip++;
            if (skip > 0) Consume(skip);
            if (_length == 0) return null;
            if (_buffer[0] == '$') return TryTakeFrame();
        }
        return TryTakeHead();
    }

    private InterleavedFrame? TryTakeFrame()
    {
        if (_length < 4) return null;
        var size = (_buffer[2] << 8) | _buffer[3];
        if (_length < 4 + size) return null;
        var frame = new InterleavedFrame(_buffer[1], _buffer.AsSpan(4, size).ToArray());
        Consume(4 + size);
        return frame;
    }

    private RtspInbound? TryTakeHead()
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _scanned, _length - _scanned);
            if (newline < 0)
            {
                _scanned = _length;
                return CheckPartialLine();
            }
            _scanned = newline + 1;
            var end = newline > _lineStart && _buffer[newline - 1] == '\r' ? newline - 1 : newline;
            var line = _buffer.AsSpan(_lineStart, end - _lineStart);
            _lineStart = newline + 1;
            if (_scanned > _limits.MaxHeadSize)
                return Fatal("Request head too large", RtspStatus.BadRequest);

            if (_requestLine is null)
            {
                if (line.Length > _limits.MaxRequestLineLength) return Fatal("Request line too long", RtspStatus.BadRequest);
                var error = ReadRequestLine(line);
                if (error is not null) return error;
                continue;
            }
            if (line.IsEmpty)
                return CompleteHead();
            if (line.Length > _limits.MaxHeaderLineLength) return Fatal("Header line too long", RtspStatus.BadRequest);
            if (line[0] == ' ' || line[0] == '\t') return Fatal("Folded header lines are not accepted", RtspStatus.BadRequest);
            if (_headers.Count >= _limits.MaxHeaderCount) return Fatal("Too many headers", RtspStatus.BadRequest);
            var headerError = ReadHeader(line);
            if (headerError is not null) return headerError;
        }
    }

    private RtspParseError? CheckPartialLine()
    {
        var partial = _length - _lineStart;
        if (_requestLine is null && partial > _limits.MaxRequestLineLength + 1) return Fatal("Request line too long", RtspStatus.BadRequest);
        if (_requestLine is not null && partial > _limits.MaxHeaderLineLength + 1) return Fatal("Header line too long", RtspStatus.BadRequest);
        if (_length > _limits.MaxHeadSize) return Fatal("Request head too large", RtspStatus.BadRequest);
        return null;
    }

    private RtspParseError? ReadRequestLine(ReadOnlySpan<byte> line)
    {
        if (!IsText(line)) return Fatal("Request line is not text", RtspStatus.BadRequest);
        var text = Encoding.ASCII.GetString(line);
        var parts = text.Split(' ');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0)
            return Fatal("Request line is not 'METHOD URI RTSP/1.0'", RtspStatus.BadRequest);
        if (!IsToken(parts[0])) return Fatal("Method is not a token", RtspStatus.BadRequest);
        if (!IsRtspVersion(parts[2])) return Fatal($"Version '{Printable(parts[2])}' is not RTSP", RtspStatus.BadRequest);
        _requestLine = text;
        return null;
    }

    private RtspParseError? ReadHeader(ReadOnlySpan<byte> line)
    {
        if (!IsText(line, allowHigh: true)) return Fatal("Header line holds control characters", RtspStatus.BadRequest);
        var colon = line.IndexOf((byte)':');
        if (colon <= 0) return Fatal("Header line has no name", RtspStatus.BadRequest);
        var name = Encoding.Latin1.GetString(line[..colon]);
        if (!IsToken(name)) return Fatal($"Header name '{Printable(name)}' is not a token", RtspStatus.BadRequest);
        var value = Encoding.Latin1.GetString(line[(colon + 1)..]).Trim(' ', '\t');
        _headers.Add(new(name, value));
        return null;
    }

    private RtspInbound? CompleteHead()
    {
        var parts = _requestLine!.Split(' ');
        var headers = new RtspHeaders(_headers);
        var headSize = _lineStart;
        Consume(headSize);
        ResetHead();

        var lengths = headers.All("Content-Length").ToList();
        var bodyLength = 0;
        if (lengths.Count > 1 && lengths.Distinct().Count() > 1)
            return Fatal("Conflicting Content-Length headers", RtspStatus.BadRequest);
        if (lengths.Count > 0)
        {
            if (!IsDigits(lengths[0]) || !int.TryParse(lengths[0], NumberStyles.None, CultureInfo.InvariantCulture, out bodyLength))
                return Fatal("Content-Length is not a number", RtspStatus.BadRequest);
            if (bodyLength > _limits.MaxBodySize)
                return Fatal($"Body of {bodyLength} bytes is over the limit of {_limits.MaxBodySize}", RtspStatus.RequestEntityTooLarge);
        }
        _head = new Head(parts[0], parts[1], parts[2], headers, bodyLength);
        return TryTakeBody(_head);
    }

    private RtspInbound? TryTakeBody(Head head)
    {
        if (_length < head.BodyLength) return null;
        var body = _buffer.AsSpan(0, head.BodyLength).ToArray();
        Consume(head.BodyLength);
        _head = null;

        // The message is framed correctly from here on, so errors below leave the connection usable.
        var cseqText = head.Headers["CSeq"];
        int? cseq = cseqText is not null && IsDigits(cseqText) && int.TryParse(cseqText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        if (cseqText is null) return new RtspParseError(RtspStatus.BadRequest, "Missing CSeq", false);
        if (cseq is null) return new RtspParseError(RtspStatus.BadRequest, "CSeq is not a number", false);
        if (head.Version != "RTSP/1.0")
            return new RtspParseError(RtspStatus.VersionNotSupported, $"Only RTSP/1.0 is served, not {head.Version}", false, cseq);
        return new RtspRequest(head.Method, head.Uri, head.Version, cseq.Value, head.Headers, body);
    }

    private RtspParseError Fatal(string reason, int status)
    {
        ResetHead();
        return new RtspParseError(status, reason, true);
    }

    private void ResetHead()
    {
        _scanned = 0;
        _lineStart = 0;
        _requestLine = null;
        _headers.Clear();
    }

    private void Consume(int count)
    {
        Buffer.BlockCopy(_buffer, count, _buffer, 0, _length - count);
        _length -= count;
        // Shrink after a large message so an idle connection does not keep its peak buffer.
        if (_length < 1024 && _buffer.Length > 64 * 1024) Array.Resize(ref _buffer, 1024);
    }

    private static bool IsText(ReadOnlySpan<byte> line, bool allowHigh = false)
    {
        foreach (var b in line)
            if ((b < 0x20 && b != (byte)'\t') || b == 0x7F || (b > 0x7F && !allowHigh)) return false;
        return true;
    }

    private static bool IsDigits(string s) => s.Length is > 0 and <= 9 && s.All(char.IsAsciiDigit);

    private static bool IsRtspVersion(string v) =>
        v.Length == 8 && v.StartsWith("RTSP/", StringComparison.Ordinal) && char.IsAsciiDigit(v[5]) && v[6] == '.' && char.IsAsciiDigit(v[7]);

    /// <summary>An RFC 2616 token, which RTSP reuses for methods and header names.</summary>
    internal static bool IsToken(string s) => s.Length > 0 && s.All(c => c > 0x20 && c < 0x7F && !"()<>@,;:\\\"/[]?={}".Contains(c));

    private static string Printable(string s) => s.Length > 32 ? s[..32] + "..." : s;

    private sealed record Head(string Method, string Uri, string Version, RtspHeaders Headers, int BodyLength);
}
