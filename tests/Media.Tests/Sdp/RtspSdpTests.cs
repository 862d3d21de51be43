using ActorStream.Media.Rtp;
using ActorStream.Media.Sdp;

namespace ActorStream.Media.Tests.Sdp;

public sealed class RtspSdpTests
{
    private static readonly H264ParameterSets H264 = new(new byte[] { 0x67, 0x42, 0xC0, 0x1E, 0xD9 }, new byte[] { 0x68, 0xCE, 0x3C, 0x80 });

    [Fact]
    public void An_h264_station_with_audio_has_two_media_with_their_controls()
    {
        var sdp = RtspSdp.Describe("cam1", "192.168.1.10", 3, H264, null, new AudioSpecificConfig(2, 3, 2, 48000));

        var id = StationSdp.SessionId("cam1");
        Assert.Equal(string.Join("\r\n",
        [
            "v=0",
            $"o=- {id} 3 IN IP4 192.168.1.10",
            "s=cam1",
            "c=IN IP4 0.0.0.0",
            "t=0 0",
            "a=tool:ActorStream",
            "a=type:broadcast",
            "a=control:*",
            "a=range:npt=now-",
            "m=video 0 RTP/AVP 96",
            "a=rtpmap:96 H264/90000",
            "a=fmtp:96 packetization-mode=1;profile-level-id=42c01e;sprop-parameter-sets=Z0LAHtk=,aM48gA==",
            "a=control:trackID=0",
            "m=audio 0 RTP/AVP 97",
            "a=rtpmap:97 mpeg4-generic/48000/2",
            "a=fmtp:97 streamtype=5;profile-level-id=1;mode=AAC-hbr;sizelength=13;indexlength=3;indexdeltalength=3;config=1190",
            "a=control:trackID=1",
            "",
        ]), sdp);
    }

    [Fact]
    public void An_h265_station_without_audio_has_the_three_parameter_sets()
    {
        var sets = new H265ParameterSets(new byte[] { 0x40, 0x01, 0x0C }, new byte[] { 0x42, 0x01, 0x01 }, new byte[] { 0x44, 0x01, 0xC1 });

        var sdp = RtspSdp.Describe("hevc", "not-an-address", 1, null, sets, null);

        Assert.Contains("\r\na=rtpmap:96 H265/90000\r\n", sdp, StringComparison.Ordinal);
        Assert.Contains("\r\na=fmtp:96 sprop-vps=QAEM;sprop-sps=QgEB;sprop-pps=RAHB\r\n", sdp, StringComparison.Ordinal);
        Assert.Contains(" 1 IN IP4 0.0.0.0\r\n", sdp, StringComparison.Ordinal);
        Assert.DoesNotContain("m=audio", sdp, StringComparison.Ordinal);
        // What the SAP parser reads of it: the first medium and the session's attributes.
        var parsed = SdpParser.Parse(sdp);
        Assert.Equal("hevc", parsed.Name);
        Assert.Equal(new SdpMedia("video", 0, "RTP/AVP", "96"), parsed.Media);
        Assert.Equal("trackID=0", parsed.Attributes.Last(a => a.StartsWith("control:", StringComparison.Ordinal))["control:".Length..]);
    }

    [Fact]
    public void Exactly_one_video_codec_is_described()
    {
        Assert.Throws<ArgumentException>(() => RtspSdp.Describe("x", "127.0.0.1", 1, null, null, null));
        Assert.Throws<ArgumentException>(() => RtspSdp.Describe("x\r\nm=evil", "127.0.0.1", 1, H264, null, null));
    }
}
