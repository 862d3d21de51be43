using System.Globalization;
using System.Text;

namespace ActorStream.Media.Rtsp;

/// <summary>
/// Incremental RTSP/1.0 response parser for the client side of one connection: feed the bytes as they arrive, in any
/// pieces, and take out the complete responses (<see cref="RtspReply"/>) and '$'-interleaved frames
/// (<see cref="InterleavedFrame"/>, RFC 2326 section 10.12). Bounded by the same <see cref="RtspParserLimits"/> as
/// the request parser. A request from the server (RFC 2326 lets it send some, e.g. ANNOUNCE) is read whole and
/// dropped. It never throws on input: a framing error is reported once as an <see cref="RtspParseError"/> with
/// CloseConnection set, and then the parser is faulted.
/// </summary>
public sealed class RtspResponseParser
{
    private readonly RtspParserLimits _limits;
    private byte[] _buffer = new byte[4096];
    private int _length;
    private int _scanned;
    private Head? _head;

    public RtspResponseParser(RtspParserLimits? limits = null)
    {
        _limits = limits ?? RtspParserLimits.Default;
        _limits.Validate();
    }

    public bool IsFaulted { get; private set; }

    /// <summary>Bytes held for an incomplete message or frame.</summary>
    public int Buffered => _length;

    public IReadOnlyList<RtspInbound> Feed(ReadOnlySpan<byte> data)
    {
        var results = new List<RtspInbound>();
        if (IsFaulted)
        {
            return results;
        }

        var chunk = Math.Max(_limits.MaxHeadSize, 4 + ushort.MaxValue);
        while (!data.IsEmpty && !IsFaulted)
        {
            var take = Math.Min(data.Length, chunk);
            Append(data[..take]);
            data = data[take..];
            while (!IsFaulted && TryTakeOne() is { } item)
            {
                if (item is not Skipped)
                {
                    results.Add(item);
                }
            }
        }

        return results;
    }

    private void Append(ReadOnlySpan<byte> data)
    {
        if (_length + data.Length > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + data.Length));
        }

        data.CopyTo(_buffer.AsSpan(_length));
        _length += data.Length;
    }

    private RtspInbound? TryTakeOne()
    {
        if (_head is not null)
        {
            return TryTakeBody(_head);
        }

        if (_scanned == 0)
        {
            var skip = 0;
            while (skip < _length && (_buffer[skip] == '\r' || _buffer[skip] == '\n'))
            {
                skip++;
            }

            Consume(skip);
            if (_length == 0)
            {
                return null;
            }

            if (_buffer[0] == '$')
            {
                if (_length < 4)
                {
                    return null;
                }

                var size = (_buffer[2] << 8) | _buffer[3];
                if (_length < 4 + size)
                {
                    return null;
                }

                var frame = new InterleavedFrame(_buffer[1], _buffer.AsSpan(4, size).ToArray());
                Consume(4 + size);
                return frame;
            }
        }

        // The head ends at the first empty line (CRLF CRLF, or bare LF LF from lax servers).
        var end = -1;
        var from = Math.Max(0, _scanned - 3);
        for (var i = from; i < _length; i++)
        {
            if (_buffer[i] != '\n')
            {
                continue;
            }

            if (i >= 1 && _buffer[i - 1] == '\n')
            {
                end = i + 1;
                break;
            }

            if (i >= 2 && _buffer[i - 1] == '\r' && _buffer[i - 2] == '\n')
            {
                end = i + 1;
                break;
            }
        }

        if (end < 0)
        {
            _scanned = _length;
            return _length > _limits.MaxHeadSize ? Fatal("Response head too large") : null;
        }

        _scanned = 0;
        if (end > _limits.MaxHeadSize)
        {
            return Fatal("Response head too large");
        }

        var error = ReadHead(Encoding.Latin1.GetString(_buffer, 0, end));
        if (error is not null)
        {
            return error;
        }

        Consume(end);
        return TryTakeBody(_head!);
    }

    private RtspParseError? ReadHead(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        var start = lines[0];
        if (start.Length > _limits.MaxRequestLineLength)
        {
            return Fatal("Status line too long");
        }

        if (lines.Count - 1 > _limits.MaxHeaderCount)
        {
            return Fatal("Too many headers");
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            if (line.Length > _limits.MaxHeaderLineLength)
            {
                return Fatal("Header line too long");
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !RtspRequestParser.IsToken(line[..colon]))
            {
                return Fatal($"Header line '{Printable(line)}' has no name");
            }

            headers.Add(new(line[..colon], line[(colon + 1)..].Trim(' ', '\t')));
        }

        var parsed = new RtspHeaders(headers);
        var bodyLength = 0;
        if (parsed["Content-Length"] is { } lengthText
            && (!int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out bodyLength) || bodyLength > _limits.MaxBodySize))
        {
            return Fatal($"Content-Length '{Printable(lengthText)}' is not a number up to {_limits.MaxBodySize}");
        }

        if (start.StartsWith("RTSP/", StringComparison.Ordinal))
        {
            // RTSP/1.0 200 OK: version, a three-digit code, and a reason that may hold spaces (or be empty).
            var parts = start.Split(' ', 3);
            if (parts.Length < 2 || parts[1].Length != 3 || !parts[1].All(char.IsAsciiDigit))
            {
                return Fatal($"Status line '{Printable(start)}' is not 'RTSP/1.0 CODE REASON'");
            }

            var cseq = int.TryParse(parsed["CSeq"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
            _head = new Head(int.Parse(parts[1], CultureInfo.InvariantCulture), parts.Length > 2 ? parts[2] : "", cseq, parsed, bodyLength);
        }
        else if (start.Split(' ') is [var method, _, var version] && RtspRequestParser.IsToken(method) && version.StartsWith("RTSP/", StringComparison.Ordinal))
        {
            _head = new Head(0, method, null, parsed, bodyLength);
        }
        else
        {
            return Fatal($"'{Printable(start)}' is neither a status line nor a request line");
        }

        return null;
    }

    private RtspInbound? TryTakeBody(Head head)
    {
        if (_length < head.BodyLength)
        {
            return null;
        }

        var body = _buffer.AsSpan(0, head.BodyLength).ToArray();
        Consume(head.BodyLength);
        _head = null;
        return head.StatusCode == 0 ? Skipped.Instance : new RtspReply(head.StatusCode, head.Reason, head.CSeq, head.Headers, body);
    }

    private RtspParseError Fatal(string reason)
    {
        IsFaulted = true;
        _length = 0;
        _head = null;
        return new RtspParseError(0, reason, true);
    }

    private void Consume(int count)
    {
        Buffer.BlockCopy(_buffer, count, _buffer, 0, _length - count);
        _length -= count;
        if (_length < 4096 && _buffer.Length > 256 * 1024)
        {
            Array.Resize(ref _buffer, 4096);
        }
    }

    private static string Printable(string s)
    {
        var clean = new string(s.Select(c => c < 0x20 || c > 0x7E ? '?' : c).ToArray());
        return clean.Length > 40 ? clean[..40] + "..." : clean;
    }

    private sealed record Head(int StatusCode, string Reason, int? CSeq, RtspHeaders Headers, int BodyLength);

    /// <summary>A request from the server, read and dropped.</summary>
    private sealed record Skipped : RtspInbound
    {
        public static Skipped Instance { get; } = new();
    }
}
