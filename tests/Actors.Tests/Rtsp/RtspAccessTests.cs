using System.Text;
using ActorStream.Actors.Rtsp;
using ActorStream.Media.Rtsp;
using ActorStream.Messages.Rtsp;

namespace ActorStream.Actors.Tests.Rtsp;

/// <summary>The plain logic beside the actors: who may read which station, and what a SETUP asks for.</summary>
public sealed class RtspAccessTests
{
    private static readonly RtspSettings Users = RtspSettings.Default with
    {
        Users = [new RtspUser("alice", "pw-a", ["cam"]), new RtspUser("root", "pw-r", ["*"])],
    };

    private static string Basic(string user, string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    [Fact]
    public void Without_users_everyone_reads_everything()
    {
        var access = new RtspAccess(RtspSettings.Default);
        Assert.False(access.Required);
        Assert.True(access.Check(null, "DESCRIBE", "cam", "n").Accepted);
    }

    [Fact]
    public void Users_read_their_stations_only()
    {
        var access = new RtspAccess(Users);
        Assert.Equal(AuthOutcome.Missing, access.Check(null, "DESCRIBE", "cam", "n").Outcome);
        Assert.True(access.Check(Basic("alice", "pw-a"), "DESCRIBE", "cam", "n").Accepted);
        Assert.Equal(AuthOutcome.Rejected, access.Check(Basic("alice", "pw-a"), "DESCRIBE", "garage", "n").Outcome);
        Assert.True(access.Check(Basic("root", "pw-r"), "DESCRIBE", "garage", "n").Accepted);
        Assert.Equal(AuthOutcome.Rejected, access.Check(Basic("alice", "pw-r"), "DESCRIBE", "cam", "n").Outcome);
        Assert.Equal(AuthOutcome.Malformed, access.Check("Basic %%%", "DESCRIBE", "cam", "n").Outcome);

        var response = DigestAuthentication.Response(DigestAlgorithm.Sha256, "alice", "pw-a", "ActorStream", "PLAY", "rtsp://h/cam", "n1", "auth", "00000001", "c");
        var digest = $"Digest username=\"alice\", realm=\"ActorStream\", nonce=\"n1\", uri=\"rtsp://h/cam\", response=\"{response}\", algorithm=SHA-256, qop=auth, nc=00000001, cnonce=\"c\"";
        Assert.True(access.Check(digest, "PLAY", "cam", "n1").Accepted);
        Assert.Equal(AuthOutcome.Rejected, access.Check(digest, "PLAY", "cam", "another-nonce").Outcome);
        Assert.Equal(AuthOutcome.Rejected, access.Check(digest, "PAUSE", "cam", "n1").Outcome);
    }

    [Fact]
    public void Challenges_follow_the_offered_methods()
    {
        Assert.Equal(3, new RtspAccess(Users).Challenges("n").Count);
        var basic = new RtspAccess(Users with { AuthMethods = ["basic"] }).Challenges("n");
        Assert.StartsWith("Basic realm=", Assert.Single(basic), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new RtspAccess(Users with { AuthMethods = [] }));
    }

    [Theory]
    [InlineData("rtsp://h/cam/trackID=0", "RTP/AVP;unicast;client_port=5000-5001", 200, "udp")]
    [InlineData("rtsp://h/cam/trackID=1", "RTP/AVP/TCP;unicast;interleaved=2-3", 200, "tcp")]
    [InlineData("rtsp://h/cam/trackID=0", "RTP/AVP;multicast", 200, "multicast")]
    [InlineData("rtsp://h/cam", "RTP/AVP;unicast;client_port=5000-5001", 459, "")]
    [InlineData("rtsp://h/cam/trackID=9", "RTP/AVP;unicast;client_port=5000-5001", 404, "")]
    [InlineData("rtsp://h/cam/trackID=0", "RTP/SAVP;unicast;client_port=5000-5001", 461, "")]
    [InlineData("rtsp://h/cam/trackID=0", "RTP/AVP/XYZ", 400, "")]
    public void Setup_names_a_track_and_a_transport(string uri, string transport, int status, string kind)
    {
        var described = new RtpStreamDescribed("v=0", [new RtpTrackInfo(0, "trackID=0", "video", 90000, 1), new RtpTrackInfo(1, "trackID=1", "audio", 48000, 2)], true);
        var request = new RtspRequest("SETUP", uri, "RTSP/1.0", 1, new RtspHeaders([new("Transport", transport)]), default);
        RtspRequestTarget.TryParse(uri, out var url, out _);
        var setup = SetupRequest.Read(request, url, described);
        Assert.Equal(status, setup.Status);
        Assert.Equal(kind, setup.Kind);
    }
}
