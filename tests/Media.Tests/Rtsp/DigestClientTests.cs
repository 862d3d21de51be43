using ActorStream.Media.Rtsp;

namespace ActorStream.Media.Tests.Rtsp;

/// <summary>The client side of Digest and Basic: what a player sends must be what the server side accepts.</summary>
public sealed class DigestClientTests
{
    [Theory]
    [InlineData(DigestAlgorithm.Md5)]
    [InlineData(DigestAlgorithm.Sha256)]
    public void Our_answer_to_our_challenge_is_accepted_and_a_wrong_password_is_not(DigestAlgorithm algorithm)
    {
        var challengeHeader = DigestAuthentication.Challenge("ActorStream", "n0nce", "0paque", algorithm);
        Assert.True(DigestAuthentication.TryParseChallenge(challengeHeader, out var challenge, out var error), error);

        var header = DigestAuthentication.Authorization(challenge!, "alice", "s3cret", "DESCRIBE", "rtsp://h:8554/main", "c1", 1);
        var wrong = DigestAuthentication.Authorization(challenge!, "alice", "guess", "DESCRIBE", "rtsp://h:8554/main", "c1", 1);

        Assert.Equal(AuthOutcome.Accepted, DigestAuthentication.Verify(header, "DESCRIBE", "alice", "s3cret", "ActorStream", "n0nce", "0paque", "rtsp://h:8554/main").Outcome);
        Assert.NotEqual(AuthOutcome.Accepted, DigestAuthentication.Verify(wrong, "DESCRIBE", "alice", "s3cret", "ActorStream", "n0nce", "0paque").Outcome);
        Assert.Contains("nc=00000001", header, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", header, StringComparison.Ordinal);
    }

    [Fact]
    public void A_challenge_without_qop_is_answered_rfc_2069_style_as_live555_servers_expect()
    {
        Assert.True(DigestAuthentication.TryParseChallenge("Digest realm=\"LIVE555 Streaming Media\", nonce=\"abc\"", out var challenge, out _));

        var header = DigestAuthentication.Authorization(challenge!, "u", "p", "DESCRIBE", "rtsp://h/x", "c", 1);

        Assert.DoesNotContain("qop", header, StringComparison.Ordinal);
        var expected = DigestAuthentication.Response(DigestAlgorithm.Md5, "u", "p", "LIVE555 Streaming Media", "DESCRIBE", "rtsp://h/x", "abc", null, null, null);
        Assert.Contains($"response=\"{expected}\"", header, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Basic realm=\"x\"")]
    [InlineData("Digest realm=\"x\"")]
    [InlineData("Digest realm=\"x\", nonce=\"y\", algorithm=SHA-512-256")]
    [InlineData("Digest realm=\"x\", nonce=\"y\", qop=\"auth-int\"")]
    public void Challenges_this_client_cannot_answer_are_refused(string header)
    {
        Assert.False(DigestAuthentication.TryParseChallenge(header, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void Basic_credentials_round_trip_through_the_server_side()
    {
        var header = BasicAuthentication.Authorization("bob", "pä:ss");

        Assert.Equal(AuthOutcome.Accepted, BasicAuthentication.Verify(header, "bob", "pä:ss").Outcome);
    }

    [Fact]
    public void Credentials_never_show_the_password()
    {
        Assert.DoesNotContain("hunter2", new RtspCredentials("bob", "hunter2").ToString(), StringComparison.Ordinal);
    }
}
