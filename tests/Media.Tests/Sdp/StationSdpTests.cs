using System.Net;
using ActorStream.Media.Sdp;

namespace ActorStream.Media.Tests.Sdp;

public sealed class StationSdpTests
{
    private static readonly IPAddress Origin = IPAddress.Parse("192.0.2.10");

    [Fact]
    public void A_multicast_station_is_described_line_by_line_as_RFC_8866_orders_them()
    {
        var sdp = StationSdp.Describe("news", "h264 1280x720 30 fps", IPEndPoint.Parse("239.255.0.1:5000"), 1, Origin, 42).ToText();

        var id = StationSdp.SessionId("news");
        Assert.Equal(
            "v=0\r\n" +
            $"o=- {id} 42 IN IP4 192.0.2.10\r\n" +
            "s=news\r\n" +
            "i=h264 1280x720 30 fps\r\n" +
            "c=IN IP4 239.255.0.1/1\r\n" +
            "t=0 0\r\n" +
            "a=tool:ActorStream\r\n" +
            "a=type:broadcast\r\n" +
            "a=recvonly\r\n" +
            "m=video 5000 udp 33\r\n",
            sdp);
    }

    [Fact]
    public void A_unicast_address_gets_no_TTL_and_no_information_line_when_there_is_none()
    {
        var sdp = StationSdp.Describe("cam", null, IPEndPoint.Parse("127.0.0.1:6000"), 4, Origin, 1).ToText();

        Assert.Contains("c=IN IP4 127.0.0.1\r\n", sdp, StringComparison.Ordinal);
        Assert.DoesNotContain("i=", sdp, StringComparison.Ordinal);
    }

    [Fact]
    public void The_session_id_is_the_same_for_a_name_on_every_run_and_differs_between_names()
    {
        Assert.Equal(StationSdp.SessionId("news"), StationSdp.SessionId("news"));
        Assert.NotEqual(StationSdp.SessionId("news"), StationSdp.SessionId("sport"));
        Assert.True(StationSdp.SessionId("news") <= long.MaxValue);
        // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c; with the top bit cleared:
        Assert.Equal(0x2f63dc4c8601ec8cUL, StationSdp.SessionId("a"));
    }

    [Theory]
    [InlineData("bad\r\nname")]
    [InlineData("")]
    public void A_name_that_would_break_the_text_is_refused(string name)
    {
        var session = StationSdp.Describe(name, null, IPEndPoint.Parse("239.255.0.1:5000"), 1, Origin, 1);

        var error = Assert.Throws<ArgumentException>(() => session.ToText());

        Assert.Contains("s=", error.Message + (name.Length == 0 ? "s=" : ""), StringComparison.Ordinal);
    }

    [Fact]
    public void What_is_written_is_read_back_field_for_field()
    {
        var written = StationSdp.Describe("sport", "h265 640x360 25 fps", IPEndPoint.Parse("239.255.3.4:5004"), 8, Origin, 7);

        var read = SdpParser.Parse(written.ToText());

        Assert.Equal(written.Origin, read.Origin);
        Assert.Equal("sport", read.Name);
        Assert.Equal("h265 640x360 25 fps", read.Information);
        Assert.Equal(IPEndPoint.Parse("239.255.3.4:5004"), read.Destination);
        Assert.Equal(8, read.Ttl);
        Assert.Equal(new SdpMedia("video", 5004, "udp", "33"), read.Media);
        Assert.Equal("ActorStream", read.Attribute("tool"));
        Assert.Equal("broadcast", read.Attribute("type"));
        Assert.True(read.HasFlag("recvonly"));
    }
}
