using System.Buffers;
using System.Text;
using ActorStream.Media.Rtsp;

namespace ActorStream.Media.Tests.Rtsp;

public sealed class RtspRequestParserTests
{
    // The requests ffmpeg 5.1 (Lavf59.27.100) sent for `ffmpeg -rtsp_transport tcp -i rtsp://127.0.0.1:42027/x`,
    // captured byte for byte from a listener; the TEARDOWN follows the same layout (ffmpeg's is sent on exit).
    private const string FfmpegSession =
        "OPTIONS rtsp://127.0.0.1:42027/x RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: Lavf59.27.100\r\n\r\n" +
        "DESCRIBE rtsp://127.0.0.1:42027/x RTSP/1.0\r\nAccept: application/sdp\r\nCSeq: 2\r\nUser-Agent: Lavf59.27.100\r\n\r\n" +
        "SETUP rtsp://127.0.0.1/x/trackID=0 RTSP/1.0\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\nCSeq: 3\r\nUser-Agent: Lavf59.27.100\r\n\r\n" +
        "PLAY rtsp://127.0.0.1/x/ RTSP/1.0\r\nRange: npt=0.000-\r\nCSeq: 4\r\nUser-Agent: Lavf59.27.100\r\nSession: 12345678\r\n\r\n" +
        "TEARDOWN rtsp://127.0.0.1/x/ RTSP/1.0\r\nCSeq: 5\r\nUser-Agent: Lavf59.27.100\r\nSession: 12345678\r\n\r\n";

    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    private static List<RtspInbound> FeedByteByByte(RtspRequestParser parser, byte[] bytes)
    {
        var all = new List<RtspInbound>();
        for (var i = 0; i < bytes.Length; i++) all.AddRange(parser.Feed(bytes.AsSpan(i, 1)));
        return all;
    }

    private static void AssertFfmpegSession(IReadOnlyList<RtspInbound> items)
    {
        var requests = items.Cast<RtspRequest>().ToList();
        Assert.Equal(["OPTIONS", "DESCRIBE", "SETUP", "PLAY", "TEARDOWN"], requests.Select(r => r.Method));
        Assert.Equal([1, 2, 3, 4, 5], requests.Select(r => r.CSeq));
        Assert.All(requests, r => Assert.Equal("RTSP/1.0", r.Version));
        Assert.Equal("rtsp://127.0.0.1:42027/x", requests[0].Uri);
        Assert.Equal("application/sdp", requests[1].Headers["accept"]);
        Assert.Equal("rtsp://127.0.0.1/x/trackID=0", requests[2].Uri);
        Assert.Equal("RTP/AVP/TCP;unicast;interleaved=0-1", requests[2].Headers["TRANSPORT"]);
        Assert.Equal("npt=0.000-", requests[3].Headers["Range"]);
        Assert.Equal("12345678", requests[3].Session);
        Assert.Equal("12345678", requests[4].Session);
        Assert.All(requests, r => Assert.True(r.Body.IsEmpty));
    }

    [Fact]
    public void The_ffmpeg_exchange_parses_when_fed_all_at_once()
    {
        var parser = new RtspRequestParser();

        AssertFfmpegSession(parser.Feed(Ascii(FfmpegSession)));
        Assert.Equal(0, parser.Buffered);
    }

    [Fact]
    public void The_ffmpeg_exchange_parses_when_fed_byte_by_byte()
    {
        var parser = new RtspRequestParser();

        AssertFfmpegSession(FeedByteByByte(parser, Ascii(FfmpegSession)));
        Assert.Equal(0, parser.Buffered);
    }

    [Fact]
    public void The_ffmpeg_exchange_parses_from_a_multi_segment_sequence()
    {
        var bytes = Ascii(FfmpegSession);
        var first = new Segment(bytes.AsMemory(0, 37));
        var last = first.Append(bytes.AsMemory(37, 100)).Append(bytes.AsMemory(137));

        AssertFfmpegSession(new RtspRequestParser().Feed(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length)));
    }

    [Fact]
    public void A_body_is_read_by_Content_Length_even_in_pieces()
    {
        var parser = new RtspRequestParser();
        var bytes = Ascii("SET_PARAMETER rtsp://h/x RTSP/1.0\r\nCSeq: 9\r\nContent-Type: text/parameters\r\nContent-Length: 12\r\n\r\nbarparam: 1\n" +
                          "GET_PARAMETER rtsp://h/x RTSP/1.0\r\nCSeq: 10\r\n\r\n");

        var items = FeedByteByByte(parser, bytes);

        var set = Assert.IsType<RtspRequest>(items[0]);
        Assert.Equal("barparam: 1\n", Encoding.ASCII.GetString(set.Body.Span));
        Assert.Equal(10, Assert.IsType<RtspRequest>(items[1]).CSeq);
        Assert.Equal(2, items.Count);
    }

    [Fact]
    public void A_half_request_waits_for_the_rest()
    {
        var parser = new RtspRequestParser();
        var bytes = Ascii("OPTIONS rtsp://h/x RTSP/1.0\r\nCSeq: 1\r\n");

        Assert.Empty(parser.Feed(bytes));
        Assert.Equal(bytes.Length, parser.Buffered);
        Assert.False(parser.IsFaulted);
        Assert.IsType<RtspRequest>(Assert.Single(parser.Feed(Ascii("\r\n"))));
    }

    [Fact]
    public void Interleaved_frames_between_requests_come_out_as_frames()
    {
        var rtcp = new byte[] { 0x81, 0xC9, 0x00, 0x07, 1, 2, 3, 4, 0x0D, 0x0A, 0x24, 0 };
        var bytes = Ascii("OPTIONS rtsp://h/x RTSP/1.0\r\nCSeq: 1\r\n\r\n")
            .Concat(new byte[] { (byte)'$', 1, 0, (byte)rtcp.Length }).Concat(rtcp)
            .Concat(new byte[] { (byte)'$', 3, 0, 0 })
            .Concat(Ascii("GET_PARAMETER rtsp://h/x RTSP/1.0\r\nCSeq: 2\r\nSession: abcdefgh\r\n\r\n")).ToArray();

        foreach (var items in new[] { new RtspRequestParser().Feed(bytes), FeedByteByByte(new RtspRequestParser(), bytes) })
        {
            Assert.Equal(4, items.Count);
            Assert.Equal("OPTIONS", Assert.IsType<RtspRequest>(items[0]).Method);
            var frame = Assert.IsType<InterleavedFrame>(items[1]);
            Assert.Equal(1, frame.Channel);
            Assert.Equal(rtcp, frame.Payload.ToArray());
            Assert.True(Assert.IsType<InterleavedFrame>(items[2]).Payload.IsEmpty);
            Assert.Equal("GET_PARAMETER", Assert.IsType<RtspRequest>(items[3]).Method);
        }
    }

    [Fact]
    public void RTSP_2_0_gets_505_and_the_connection_stays_usable()
    {
        var parser = new RtspRequestParser();

        var items = parser.Feed(Ascii("OPTIONS * RTSP/2.0\r\nCSeq: 7\r\n\r\nOPTIONS * RTSP/1.0\r\nCSeq: 8\r\n\r\n"));

        var error = Assert.IsType<RtspParseError>(items[0]);
        Assert.Equal(505, error.StatusCode);
        Assert.Equal(7, error.CSeq);
        Assert.False(error.CloseConnection);
        Assert.Equal(8, Assert.IsType<RtspRequest>(items[1]).CSeq);
    }

    [Theory]
    [InlineData("OPTIONS * HTTP/1.1\r\nCSeq: 1\r\n\r\n", "not RTSP")]
    [InlineData("OPTIONS *\r\nCSeq: 1\r\n\r\n", "Request line")]
    [InlineData("OPTIONS  * RTSP/1.0\r\nCSeq: 1\r\n\r\n", "Request line")]
    [InlineData("OPT(IONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n", "Method")]
    [InlineData("OPTIONS * RTSP/1.0\r\nCSeq 1\r\n\r\n", "no name")]
    [InlineData("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\nX-A: b\r\n  folded\r\n\r\n", "Folded")]
    [InlineData("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\nContent-Length: -4\r\n\r\n", "Content-Length")]
    [InlineData("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\n", "Content-Length")]
    [InlineData("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\nBad Name: x\r\n\r\n", "not a token")]
    public void Malformed_requests_get_400_naming_the_fault_and_close(string request, string reasonPart)
    {
        var parser = new RtspRequestParser();

        var error = Assert.IsType<RtspParseError>(Assert.Single(parser.Feed(Ascii(request))));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains(reasonPart, error.Reason, StringComparison.Ordinal);
        Assert.True(error.CloseConnection);
        Assert.True(parser.IsFaulted);
        Assert.Empty(parser.Feed(Ascii("OPTIONS * RTSP/1.0\r\nCSeq: 2\r\n\r\n")));
    }

    [Theory]
    [InlineData("OPTIONS * RTSP/1.0\r\nUser-Agent: x\r\n\r\n", "Missing CSeq")]
    [InlineData("OPTIONS * RTSP/1.0\r\nCSeq: one\r\n\r\n", "CSeq is not a number")]
    public void A_missing_or_bad_CSeq_gets_400_and_the_next_request_is_read(string request, string reason)
    {
        var parser = new RtspRequestParser();

        var items = parser.Feed(Ascii(request + "OPTIONS * RTSP/1.0\r\nCSeq: 3\r\n\r\n"));

        var error = Assert.IsType<RtspParseError>(items[0]);
        Assert.Equal((400, reason, false), (error.StatusCode, error.Reason, error.CloseConnection));
        Assert.Equal(3, Assert.IsType<RtspRequest>(items[1]).CSeq);
    }

    [Fact]
    public void Random_bytes_are_refused_without_an_exception()
    {
        var random = new Random(20261130);
        for (var round = 0; round < 200; round++)
        {
            var bytes = new byte[random.Next(1, 200_000)];
            random.NextBytes(bytes);
            if (bytes[0] == '$') bytes[0] = 0; // otherwise it is a valid frame start
            var parser = new RtspRequestParser();

            var items = round % 2 == 0 ? parser.Feed(bytes) : FeedChunks(parser, bytes, random);

            Assert.DoesNotContain(items, i => i is RtspRequest);
            if (bytes.Length > RtspParserLimits.Default.MaxHeadSize)
                Assert.IsType<RtspParseError>(Assert.Single(items));
            Assert.True(parser.Buffered <= RtspParserLimits.Default.MaxHeadSize + 2);
        }
    }

    private static List<RtspInbound> FeedChunks(RtspRequestParser parser, byte[] bytes, Random random)
    {
        var all = new List<RtspInbound>();
        for (var i = 0; i < bytes.Length;)
        {
            var n = Math.Min(random.Next(1, 3000), bytes.Length - i);
            all.AddRange(parser.Feed(bytes.AsSpan(i, n)));
            i += n;
        }
        return all;
    }

    [Fact]
    public void A_request_line_over_the_limit_is_refused_before_its_end_arrives()
    {
        var parser = new RtspRequestParser(new RtspParserLimits { MaxRequestLineLength = 100 });

        Assert.Empty(parser.Feed(Ascii("DESCRIBE rtsp://h/" + new string('a', 70))));
        var error = Assert.IsType<RtspParseError>(Assert.Single(parser.Feed(Ascii(new string('a', 40)))));

        Assert.Equal((400, "Request line too long", true), (error.StatusCode, error.Reason, error.CloseConnection));
        Assert.Equal(0, parser.Buffered);
    }

    [Fact]
    public void A_request_line_at_the_limit_is_accepted()
    {
        var line = "DESCRIBE rtsp://h/" + new string('a', 100 - "DESCRIBE rtsp://h/ RTSP/1.0".Length) + " RTSP/1.0";
        Assert.Equal(100, line.Length);

        var items = new RtspRequestParser(new RtspParserLimits { MaxRequestLineLength = 100 }).Feed(Ascii(line + "\r\nCSeq: 1\r\n\r\n"));

        Assert.IsType<RtspRequest>(Assert.Single(items));
    }

    [Fact]
    public void A_one_megabyte_header_is_refused_as_soon_as_it_passes_the_limit()
    {
        var parser = new RtspRequestParser();
        var items = new List<RtspInbound>(parser.Feed(Ascii("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\nX-Big: ")));
        var chunk = Ascii(new string('x', 4096));
        var fed = 0;
        while (items.Count == 0 && fed < 1024 * 1024)
        {
            items.AddRange(parser.Feed(chunk));
            fed += chunk.Length;
        }

        var error = Assert.IsType<RtspParseError>(Assert.Single(items));
        Assert.Equal((400, "Header line too long"), (error.StatusCode, error.Reason));
        Assert.True(fed <= RtspParserLimits.Default.MaxHeaderLineLength + chunk.Length);
    }

    [Fact]
    public void A_header_line_over_the_limit_is_refused_and_one_at_it_is_accepted()
    {
        var limits = new RtspParserLimits { MaxHeaderLineLength = 50 };
        var atLimit = "X-A: " + new string('v', 45);
        var over = atLimit + "v";

        Assert.IsType<RtspRequest>(Assert.Single(new RtspRequestParser(limits).Feed(Ascii($"OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n{atLimit}\r\n\r\n"))));
        var error = Assert.IsType<RtspParseError>(Assert.Single(new RtspRequestParser(limits).Feed(Ascii($"OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n{over}\r\n\r\n"))));
        Assert.Equal("Header line too long", error.Reason);
    }

    [Fact]
    public void Ten_thousand_headers_are_refused_at_the_header_count_limit()
    {
        var limits = new RtspParserLimits { MaxHeaderCount = 20 };
        var request = new StringBuilder("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n");
        for (var i = 0; i < 10_000; i++) request.Append("X-H: v\r\n");

        var error = Assert.IsType<RtspParseError>(Assert.Single(new RtspRequestParser(limits).Feed(Ascii(request.Append("\r\n").ToString()))));

        Assert.Equal((400, "Too many headers", true), (error.StatusCode, error.Reason, error.CloseConnection));
        var exactly = "OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n" + string.Concat(Enumerable.Repeat("X-H: v\r\n", 19)) + "\r\n";
        Assert.IsType<RtspRequest>(Assert.Single(new RtspRequestParser(limits).Feed(Ascii(exactly))));
    }

    [Fact]
    public void A_head_over_the_total_size_limit_is_refused()
    {
        var limits = new RtspParserLimits { MaxRequestLineLength = 100, MaxHeadSize = 200, MaxHeaderCount = 1000 };
        var request = "OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n" + string.Concat(Enumerable.Repeat("X-Header: some value\r\n", 10)) + "\r\n";
        Assert.True(request.Length > 200);

        var error = Assert.IsType<RtspParseError>(Assert.Single(new RtspRequestParser(limits).Feed(Ascii(request))));

        Assert.Equal((400, "Request head too large"), (error.StatusCode, error.Reason));
    }

    [Fact]
    public void A_body_over_the_limit_gets_413_and_one_at_it_is_read()
    {
        var limits = new RtspParserLimits { MaxBodySize = 10 };

        var error = Assert.IsType<RtspParseError>(Assert.Single(
            new RtspRequestParser(limits).Feed(Ascii("SET_PARAMETER * RTSP/1.0\r\nCSeq: 1\r\nContent-Length: 11\r\n\r\n"))));
        var ok = Assert.IsType<RtspRequest>(Assert.Single(
            new RtspRequestParser(limits).Feed(Ascii("SET_PARAMETER * RTSP/1.0\r\nCSeq: 1\r\nContent-Length: 10\r\n\r\n0123456789"))));

        Assert.Equal(413, error.StatusCode);
        Assert.Contains("over the limit of 10", error.Reason, StringComparison.Ordinal);
        Assert.Equal(10, ok.Body.Length);
    }

    [Fact]
    public void Control_characters_in_the_request_line_are_refused()
    {
        var error = Assert.IsType<RtspParseError>(Assert.Single(new RtspRequestParser().Feed(new byte[] { 0x16, 0x03, 0x01, 0x00, (byte)'\n' })));

        Assert.Equal((400, "Request line is not text"), (error.StatusCode, error.Reason));
    }

    [Fact]
    public void Limits_that_make_no_sense_are_refused_at_construction()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RtspRequestParser(new RtspParserLimits { MaxHeaderCount = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RtspRequestParser(new RtspParserLimits { MaxHeadSize = 10 }));
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
