using System.Text;
using ActorStream.Media.Rtsp;

namespace ActorStream.Media.Tests.Rtsp;

public sealed class RtspResponseTests
{
    [Fact]
    public void A_SETUP_answer_has_status_line_CSeq_first_and_the_given_headers()
    {
        var response = new RtspResponse(200, 3)
            .WithSession(new SessionHeader("a1B2c3D4", 60))
            .WithTransport(new RtspTransport { Lower = LowerTransport.Tcp, Interleaved = new PortPair(0, 1), Ssrc = 0xDEADBEEF });

        Assert.Equal(
            "RTSP/1.0 200 OK\r\nCSeq: 3\r\nSession: a1B2c3D4;timeout=60\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1;ssrc=DEADBEEF\r\n\r\n",
            Encoding.ASCII.GetString(response.ToBytes()));
    }

    [Fact]
    public void A_DESCRIBE_answer_carries_its_body_with_type_and_length()
    {
        var sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=news\r\n";

        var text = new RtspResponse(200, 2).With("Content-Base", "rtsp://h/news/").WithBody("application/sdp", sdp).ToString();

        Assert.Equal($"RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Base: rtsp://h/news/\r\nContent-Type: application/sdp\r\nContent-Length: {sdp.Length}\r\n\r\n{sdp}", text);
    }

    [Fact]
    public void PLAY_OPTIONS_and_401_answers_write_their_headers()
    {
        var play = new RtspResponse(200, 4).WithRtpInfo("url=rtsp://h/x/trackID=0;seq=17;rtptime=9000").WithRange("npt=now-").ToString();
        var options = new RtspResponse(200, 1).WithPublic(["OPTIONS", "DESCRIBE", "SETUP"]).ToString();
        var denied = new RtspResponse(401, 5).WithWwwAuthenticate(["Digest realm=\"r\"", "Basic realm=\"r\""]).ToString();

        Assert.Contains("\r\nRTP-Info: url=rtsp://h/x/trackID=0;seq=17;rtptime=9000\r\nRange: npt=now-\r\n", play, StringComparison.Ordinal);
        Assert.Contains("\r\nPublic: OPTIONS, DESCRIBE, SETUP\r\n", options, StringComparison.Ordinal);
        Assert.StartsWith("RTSP/1.0 401 Unauthorized\r\nCSeq: 5\r\nWWW-Authenticate: Digest realm=\"r\"\r\nWWW-Authenticate: Basic realm=\"r\"\r\n\r\n", denied, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(200, "OK")]
    [InlineData(400, "Bad Request")]
    [InlineData(401, "Unauthorized")]
    [InlineData(404, "Not Found")]
    [InlineData(405, "Method Not Allowed")]
    [InlineData(454, "Session Not Found")]
    [InlineData(455, "Method Not Valid in This State")]
    [InlineData(459, "Aggregate operation not allowed")]
    [InlineData(461, "Unsupported transport")]
    [InlineData(500, "Internal Server Error")]
    [InlineData(501, "Not Implemented")]
    [InlineData(503, "Service Unavailable")]
    [InlineData(505, "RTSP Version not supported")]
    public void Status_lines_carry_the_RFC_reason_phrase(int code, string phrase)
    {
        Assert.StartsWith($"RTSP/1.0 {code} {phrase}\r\n", new RtspResponse(code, 1).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_parse_error_without_CSeq_is_answered_without_one_and_with_its_reason()
    {
        var error = new RtspParseError(400, "Missing CSeq", false);

        Assert.Equal("RTSP/1.0 400 Missing CSeq\r\n\r\n", new RtspResponse(error.StatusCode, error.CSeq, error.Reason).ToString());
    }

    [Fact]
    public void Line_breaks_in_values_and_self_written_headers_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new RtspResponse(200, 1).With("X-A", "a\r\nInjected: 1"));
        Assert.Throws<ArgumentException>(() => new RtspResponse(200, 1).With("Bad Name", "a"));
        Assert.Throws<ArgumentException>(() => new RtspResponse(200, 1).With("cseq", "9"));
        Assert.Throws<ArgumentException>(() => new RtspResponse(400, 1, "Bad\r\nX: y"));
    }

    [Fact]
    public void A_written_response_parses_back_field_by_field()
    {
        var bytes = new RtspResponse(200, 77).WithSession(new SessionHeader("abcdefgh")).WithBody("text/parameters", "a: 1\r\n").ToBytes();
        var text = Encoding.ASCII.GetString(bytes);
        var head = text[..text.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n");

        Assert.Equal(["RTSP/1.0 200 OK", "CSeq: 77", "Session: abcdefgh", "Content-Type: text/parameters", "Content-Length: 6"], head);
        Assert.EndsWith("\r\n\r\na: 1\r\n", text, StringComparison.Ordinal);
    }
}

public sealed class RtpInfoEntryTests
{
    [Fact]
    public void Entries_format_as_RFC_2326_shows_them_comma_separated()
    {
        var value = RtpInfoEntry.Format([new("rtsp://h/x/trackID=0", 45102, 12345678), new("rtsp://h/x/trackID=1", 65535, uint.MaxValue)]);

        Assert.Equal("url=rtsp://h/x/trackID=0;seq=45102;rtptime=12345678,url=rtsp://h/x/trackID=1;seq=65535;rtptime=4294967295", value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("rtsp://h/a,b")]
    [InlineData("rtsp://h/a;b")]
    public void A_url_that_would_split_the_entry_is_refused(string url)
    {
        Assert.Throws<InvalidOperationException>(() => new RtpInfoEntry(url, 1, 2).ToString());
    }
}
