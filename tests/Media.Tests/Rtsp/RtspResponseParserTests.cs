using System.Text;
using ActorStream.Media.Rtsp;

namespace ActorStream.Media.Tests.Rtsp;

public sealed class RtspResponseParserTests
{
    private const string Describe =
        "RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Type: application/sdp\r\nContent-Base: rtsp://h/test/\r\nContent-Length: 10\r\n\r\nv=0\r\ns=x\r\n";

    [Fact]
    public void A_response_with_a_body_is_read_whole_even_byte_by_byte()
    {
        var parser = new RtspResponseParser();
        var items = new List<RtspInbound>();
        foreach (var b in Encoding.ASCII.GetBytes(Describe))
        {
            items.AddRange(parser.Feed([b]));
        }

        var reply = Assert.IsType<RtspReply>(Assert.Single(items));
        Assert.Equal(200, reply.StatusCode);
        Assert.Equal("OK", reply.Reason);
        Assert.Equal(2, reply.CSeq);
        Assert.Equal("rtsp://h/test/", reply.Headers["content-base"]);
        Assert.Equal("v=0\r\ns=x\r\n", reply.BodyText);
        Assert.Equal(0, parser.Buffered);
    }

    [Fact]
    public void Interleaved_frames_and_responses_are_told_apart_in_one_read()
    {
        byte[] frame = [(byte)'$', 1, 0, 3, 0xAA, 0xBB, 0xCC];
        var bytes = frame.Concat(Encoding.ASCII.GetBytes("RTSP/1.0 454 Session Not Found\r\nCSeq: 7\r\n\r\n")).Concat(frame).ToArray();

        var items = new RtspResponseParser().Feed(bytes);

        Assert.Equal(3, items.Count);
        var first = Assert.IsType<InterleavedFrame>(items[0]);
        Assert.Equal(1, first.Channel);
        Assert.Equal([0xAA, 0xBB, 0xCC], first.Payload.ToArray());
        var reply = Assert.IsType<RtspReply>(items[1]);
        Assert.Equal((454, "Session Not Found", 7), (reply.StatusCode, reply.Reason, reply.CSeq));
        Assert.IsType<InterleavedFrame>(items[2]);
    }

    [Fact]
    public void A_request_from_the_server_is_read_and_dropped()
    {
        var items = new RtspResponseParser().Feed(Encoding.ASCII.GetBytes(
            "ANNOUNCE rtsp://h/x RTSP/1.0\r\nCSeq: 1\r\nContent-Length: 3\r\n\r\nabcRTSP/1.0 200 OK\r\nCSeq: 3\r\n\r\n"));

        Assert.Equal(3, Assert.IsType<RtspReply>(Assert.Single(items)).CSeq);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\n\r\n", "neither a status line")]
    [InlineData("RTSP/1.0 2000 OK\r\n\r\n", "is not 'RTSP/1.0 CODE REASON'")]
    [InlineData("RTSP/1.0 200 OK\r\nContent-Length: 99999999\r\n\r\n", "Content-Length")]
    [InlineData("RTSP/1.0 200 OK\r\nno colon\r\n\r\n", "has no name")]
    public void Garbage_faults_the_parser_once_with_a_reason(string text, string reason)
    {
        var parser = new RtspResponseParser();

        var error = Assert.IsType<RtspParseError>(Assert.Single(parser.Feed(Encoding.ASCII.GetBytes(text))));

        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.True(error.CloseConnection);
        Assert.True(parser.IsFaulted);
        Assert.Empty(parser.Feed(Encoding.ASCII.GetBytes("RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n")));
    }

    [Fact]
    public void A_head_that_never_ends_is_refused_at_the_limit()
    {
        var parser = new RtspResponseParser(new RtspParserLimits { MaxHeadSize = 1024, MaxRequestLineLength = 256 });
        var items = new List<RtspInbound>();
        items.AddRange(parser.Feed(Encoding.ASCII.GetBytes("RTSP/1.0 200 OK\r\n")));
        for (var i = 0; i < 100 && items.Count == 0; i++)
        {
            items.AddRange(parser.Feed(Encoding.ASCII.GetBytes("X-Filler: 0123456789\r\n")));
        }

        Assert.Contains("too large", Assert.IsType<RtspParseError>(Assert.Single(items)).Reason, StringComparison.Ordinal);
    }
}
