using System.Net;
using ActorStream.Media.Sdp;

namespace ActorStream.Media.Tests.Sdp;

public sealed class SdpParserTests
{
    /// <summary>What VLC's own SAP announcer (stream output with sap) writes for raw UDP MPEG-TS, LF-ended.</summary>
    private const string VlcStyle = """
        v=0
        o=- 15511722513484839424 15511722513484839424 IN IP4 host
        s=Test stream
        i=N/A
        c=IN IP4 239.255.12.42/255
        t=0 0
        a=tool:vlc 3.0.18
        a=recvonly
        a=type:broadcast
        a=charset:UTF-8
        m=video 1234 udp mpeg
        """;

    [Fact]
    public void An_SDP_written_by_another_tool_with_LF_line_ends_is_read()
    {
        var sdp = SdpParser.Parse(VlcStyle);

        Assert.Equal("Test stream", sdp.Name);
        Assert.Equal(IPEndPoint.Parse("239.255.12.42:1234"), sdp.Destination);
        Assert.Equal(255, sdp.Ttl);
        Assert.Equal(new SdpMedia("video", 1234, "udp", "mpeg"), sdp.Media);
        Assert.Equal(IPAddress.None, sdp.Origin.Address);
        Assert.Equal("UTF-8", sdp.Attribute("charset"));
    }

    [Fact]
    public void A_media_level_connection_wins_over_the_session_level_one()
    {
        var sdp = SdpParser.Parse("v=0\no=- 1 1 IN IP4 10.0.0.1\ns=x\nc=IN IP4 239.1.1.1/3\nt=0 0\nm=video 5000 udp 33\nc=IN IP4 239.2.2.2/9\n");

        Assert.Equal(IPEndPoint.Parse("239.2.2.2:5000"), sdp.Destination);
        Assert.Equal(9, sdp.Ttl);
    }

    [Fact]
    public void An_IPv6_connection_has_no_TTL()
    {
        var sdp = SdpParser.Parse("v=0\r\no=- 1 1 IN IP6 ::1\r\ns=x\r\nc=IN IP6 ff15::1\r\nt=0 0\r\nm=video 5000 udp 33\r\n");

        Assert.Equal(IPAddress.Parse("ff15::1"), sdp.ConnectionAddress);
        Assert.Null(sdp.Ttl);
    }

    [Theory]
    [InlineData("", "v=0")]
    [InlineData("hello", "v=0")]
    [InlineData("v=1\ns=x", "v=0")]
    [InlineData("v=0\no=- 1 1 IN IP4 10.0.0.1\nc=IN IP4 239.1.1.1/1\nm=video 5000 udp 33", "no s= line")]
    [InlineData("v=0\no=- 1 1 IN IP4 10.0.0.1\ns=x\nm=video 5000 udp 33", "no c= line")]
    [InlineData("v=0\no=- 1 1 IN IP4 10.0.0.1\ns=x\nc=IN IP4 239.1.1.1/1", "no m= line")]
    [InlineData("v=0\ns=x\nc=IN IP4 239.1.1.1/1\nm=video 5000 udp 33", "no o= line")]
    [InlineData("v=0\no=- 1 1 IN IP4 10.0.0.1\ns=x\nc=IN IP4 nowhere/1\nm=video 5000 udp 33", "not an IP address")]
    [InlineData("v=0\no=- 1 1 IN IP4 10.0.0.1\ns=x\nc=IN IP4 239.1.1.1/300\nm=video 5000 udp 33", "TTL")]
    [InlineData("v=0\no=- 1 1 IN IP4 10.0.0.1\ns=x\nc=IN IP4 239.1.1.1/1\nm=video 70000 udp 33", "port")]
    [InlineData("v=0\no=- 1 1 IN IP4 10.0.0.1\ns=x\nc=IN IP4 239.1.1.1/1\nm=video 5000", "m= line")]
    [InlineData("v=0\no=- one 1 IN IP4 10.0.0.1\ns=x\nc=IN IP4 239.1.1.1/1\nm=video 5000 udp 33", "o= line")]
    [InlineData("v=0\no=- 1 1 IN IP4 10.0.0.1\ns=x\nc=ATM NSAP 47.0005\nm=video 5000 udp 33", "IN IP4")]
    [InlineData("v=0\nthis is no line", "<letter>=<value>")]
    public void Malformed_descriptions_fail_with_a_message_naming_what_is_wrong(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => SdpParser.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_malformed_input_is_quoted_shortened()
    {
        var error = Assert.Throws<FormatException>(() => SdpParser.Parse(new string('x', 10_000)));

        Assert.True(error.Message.Length < 200, error.Message);
    }
}
