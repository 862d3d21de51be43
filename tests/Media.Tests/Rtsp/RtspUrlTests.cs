using ActorStream.Media.Rtsp;
using ActorStream.Media.Sdp;

namespace ActorStream.Media.Tests.Rtsp;

public sealed class RtspUrlTests
{
    [Theory]
    [InlineData("rtsp://seed:8554/main", "seed", 8554, "/main", "main")]
    [InlineData("rtsp://10.0.0.2/news/", "10.0.0.2", 554, "/news/", "news")]
    [InlineData("RTSP://[::1]:9000/a%20b", "::1", 9000, "/a%20b", "a b")]
    public void Urls_give_host_port_path_and_station(string text, string host, int port, string path, string name)
    {
        Assert.True(RtspUrl.TryParse(text, out var url, out var error), error);
        Assert.Equal((host, port, path, name), (url!.Host, url.Port, url.Path, url.Name));
    }

    [Fact]
    public void Credentials_in_the_url_are_taken_out_of_it()
    {
        Assert.True(RtspUrl.TryParse("rtsp://bob:hunter2@seed:8554/main", out var url, out _));

        Assert.Equal(("bob", "hunter2"), (url!.User, url.Password));
        Assert.Equal("rtsp://seed:8554/main", url.Text);
        Assert.DoesNotContain("hunter2", url.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://seed/main")]
    [InlineData("seed:8554/main")]
    [InlineData("rtsp://")]
    [InlineData("")]
    public void Other_text_is_refused_with_an_example(string text)
    {
        Assert.False(RtspUrl.TryParse(text, out _, out var error));
        Assert.Contains("rtsp://", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rtsp://h/test/", "stream=0", "rtsp://h/test/stream=0")]
    [InlineData("rtsp://h/test", "trackID=1", "rtsp://h/test/trackID=1")]
    [InlineData("rtsp://h/test/", "*", "rtsp://h/test/")]
    [InlineData("rtsp://h/test/", "rtsp://other/x", "rtsp://other/x")]
    [InlineData("rtsp://h/test/", null, "rtsp://h/test/")]
    public void Controls_resolve_against_the_content_base(string baseUrl, string? control, string expected)
    {
        Assert.Equal(expected, RtspUrl.ResolveControl(baseUrl, control));
    }

    [Fact]
    public void A_describe_answer_with_video_and_audio_gives_both_tracks()
    {
        const string sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=main\r\nt=0 0\r\na=control:*\r\n" +
            "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=fmtp:96 packetization-mode=1;sprop-parameter-sets=Z0IAHpWoKA9puAgICBA=,aM48gA==;profile-level-id=42001e\r\na=control:trackID=0\r\n" +
            "m=audio 0 RTP/AVP 97\r\na=rtpmap:97 MPEG4-GENERIC/48000/2\r\na=control:trackID=1\r\n";

        var sections = SdpParser.ParseSections(sdp);
        var tracks = RtspTrack.FromSdp(sections, "rtsp://h:8554/main/");

        Assert.Equal("*", sections.Attribute("control"));
        Assert.Equal(2, tracks.Count);
        Assert.True(tracks[0].IsH264);
        Assert.Equal(("rtsp://h:8554/main/trackID=0", (byte)96, 90000), (tracks[0].ControlUrl, tracks[0].PayloadType, tracks[0].ClockRate));
        Assert.Equal("1", tracks[0].Format["packetization-mode"]);
        Assert.Equal([0x67, 0x68], tracks[0].ParameterSets().Select(n => n[0] & 0xFF));
        Assert.Equal(("audio", "MPEG4-GENERIC", 48000), (tracks[1].MediaType, tracks[1].Encoding, tracks[1].ClockRate));
        Assert.Equal("rtsp://h:8554/main/trackID=1", tracks[1].ControlUrl);
    }
}
