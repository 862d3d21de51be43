using System.Text;
using ActorStream.Media.Rtsp;

namespace ActorStream.Media.Tests.Rtsp;

public sealed class AuthenticationTests
{
    // RFC 7616 section 3.9.1: the worked example, for MD5 and SHA-256.
    private const string Realm = "http-auth@example.org";
    private const string Nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private const string Opaque = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";
    private const string Cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    private static string Rfc7616Header(string algorithm, string response) =>
        $"Digest username=\"Mufasa\", realm=\"{Realm}\", uri=\"/dir/index.html\", algorithm={algorithm}, " +
        $"nonce=\"{Nonce}\", nc=00000001, cnonce=\"{Cnonce}\", qop=auth, response=\"{response}\", opaque=\"{Opaque}\"";

    [Theory]
    [InlineData(DigestAlgorithm.Md5, "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData(DigestAlgorithm.Sha256, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void Digest_response_matches_the_RFC_7616_example(DigestAlgorithm algorithm, string expected)
    {
        Assert.Equal(expected, DigestAuthentication.Response(
            algorithm, "Mufasa", "Circle of Life", Realm, "GET", "/dir/index.html", Nonce, "auth", "00000001", Cnonce));
    }

    [Theory]
    [InlineData("MD5", "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void The_RFC_7616_example_header_is_accepted_and_a_wrong_password_refused(string algorithm, string response)
    {
        var header = Rfc7616Header(algorithm, response);

        var ok = DigestAuthentication.Verify(header, "GET", "Mufasa", "Circle of Life", Realm, Nonce, Opaque, "/dir/index.html");
        var wrong = DigestAuthentication.Verify(header, "GET", "Mufasa", "Circle of life", Realm, Nonce, Opaque);

        Assert.Equal((AuthOutcome.Accepted, "Mufasa"), (ok.Outcome, ok.User));
        Assert.Equal(AuthOutcome.Rejected, wrong.Outcome);
        Assert.DoesNotContain("Circle", wrong.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Digest_refuses_another_method_user_nonce_realm_opaque_or_uri()
    {
        var header = Rfc7616Header("MD5", "8ca523f5e9506fed4657c9700eebdbec");

        Assert.Equal(AuthOutcome.Rejected, DigestAuthentication.Verify(header, "PLAY", "Mufasa", "Circle of Life", Realm, Nonce, Opaque).Outcome);
        Assert.Equal(AuthOutcome.Rejected, DigestAuthentication.Verify(header, "GET", "Simba", "Circle of Life", Realm, Nonce, Opaque).Outcome);
        Assert.Equal(AuthOutcome.Rejected, DigestAuthentication.Verify(header, "GET", "Mufasa", "Circle of Life", Realm, "other", Opaque).Outcome);
        Assert.Equal(AuthOutcome.Rejected, DigestAuthentication.Verify(header, "GET", "Mufasa", "Circle of Life", "other", Nonce, Opaque).Outcome);
        Assert.Equal(AuthOutcome.Rejected, DigestAuthentication.Verify(header, "GET", "Mufasa", "Circle of Life", Realm, Nonce, "other").Outcome);
        Assert.Equal(AuthOutcome.Rejected, DigestAuthentication.Verify(header, "GET", "Mufasa", "Circle of Life", Realm, Nonce, Opaque, "/elsewhere").Outcome);
    }

    [Fact]
    public void Digest_without_qop_is_the_RFC_2069_form_that_VLC_sends()
    {
        const string uri = "rtsp://127.0.0.1:8554/news";
        var response = DigestAuthentication.Response(DigestAlgorithm.Md5, "viewer", "s3cret", "ActorStream", "DESCRIBE", uri, "abc123", null, null, null);
        var header = $"Digest username=\"viewer\", realm=\"ActorStream\", nonce=\"abc123\", uri=\"{uri}\", response=\"{response}\"";

        Assert.True(DigestAuthentication.Verify(header, "DESCRIBE", "viewer", "s3cret", "ActorStream", "abc123", null).Accepted);
        Assert.Equal(AuthOutcome.Malformed, DigestAuthentication.Verify(header, "DESCRIBE", "viewer", "s3cret", "ActorStream", "abc123", null, allowWithoutQop: false).Outcome);
        Assert.False(DigestAuthentication.Verify(header, "DESCRIBE", "viewer", "wrong", "ActorStream", "abc123", null).Accepted);
    }

    [Theory]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\"", "lack response")]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\", algorithm=SHA-512-256", "not supported")]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\", qop=auth-int, nc=00000001, cnonce=\"c\"", "qop")]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\", qop=auth, nc=1, cnonce=\"c\"", "nc")]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\", qop=auth, nc=00000001", "cnonce")]
    [InlineData("Digest realm=\"r\", username=\"abc", "unterminated")]
    [InlineData("Digest username=\"a, realm=\"r\"", "followed by junk")]
    [InlineData("Digest username=\"a\", username=\"b\"", "twice")]
    [InlineData("Digest username", "no value")]
    public void Malformed_Digest_credentials_are_refused_naming_the_fault(string header, string part)
    {
        var result = DigestAuthentication.Verify(header, "DESCRIBE", "a", "password-not-in-errors", "r", "n", null);

        Assert.Equal(AuthOutcome.Malformed, result.Outcome);
        Assert.Contains(part, result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("password-not-in-errors", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Quoted_strings_may_hold_escapes_and_commas()
    {
        Assert.True(DigestAuthentication.TryParse(
            "Digest username=\"a\\\"b,c\", realm=\"r\", nonce=\"n\", uri=\"rtsp://h/x?a=1,b=2\", response=\"x\"", out var c, out var error), error);

        Assert.Equal(("a\"b,c", "rtsp://h/x?a=1,b=2", DigestAlgorithm.Md5), (c!.Username, c.Uri, c.Algorithm));
    }

    [Fact]
    public void Digest_challenges_offer_SHA_256_then_MD5_with_qop_nonce_and_opaque()
    {
        var challenges = DigestAuthentication.Challenges(Realm, Nonce, Opaque);

        Assert.Equal(
            [$"Digest realm=\"{Realm}\", qop=\"auth\", algorithm=SHA-256, nonce=\"{Nonce}\", opaque=\"{Opaque}\"",
             $"Digest realm=\"{Realm}\", qop=\"auth\", algorithm=MD5, nonce=\"{Nonce}\", opaque=\"{Opaque}\""],
            challenges);
        Assert.EndsWith(", stale=true", DigestAuthentication.Challenge("r", "n", null, DigestAlgorithm.Md5, stale: true), StringComparison.Ordinal);
    }

    [Fact]
    public void Basic_reads_the_RFC_7617_examples()
    {
        Assert.True(BasicAuthentication.TryParse("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", out var user, out var password, out _));
        Assert.Equal(("Aladdin", "open sesame"), (user, password));
        Assert.True(BasicAuthentication.TryParse("Basic dGVzdDoxMjPCow==", out user, out password, out _));
        Assert.Equal(("test", "123\u00A3"), (user, password));
    }

    [Fact]
    public void Basic_accepts_the_right_password_and_refuses_a_wrong_one_or_user()
    {
        var header = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("viewer:pa:ss"));

        var ok = BasicAuthentication.Verify(header, "viewer", "pa:ss");
        var wrongPassword = BasicAuthentication.Verify(header, "viewer", "pa:sS");
        var wrongUser = BasicAuthentication.Verify(header, "other", "pa:ss");

        Assert.Equal((AuthOutcome.Accepted, "viewer"), (ok.Outcome, ok.User));
        Assert.Equal(AuthOutcome.Rejected, wrongPassword.Outcome);
        Assert.Equal(AuthOutcome.Rejected, wrongUser.Outcome);
        Assert.DoesNotContain("pa:s", wrongPassword.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, AuthOutcome.Missing, "no Basic")]
    [InlineData("Bearer abc", AuthOutcome.Missing, "no Basic")]
    [InlineData("Basic !!!", AuthOutcome.Malformed, "not base64")]
    [InlineData("Basic bm9jb2xvbg==", AuthOutcome.Malformed, "no ':'")]
    [InlineData("Basic //79", AuthOutcome.Malformed, "not UTF-8")]
    public void Bad_Basic_headers_are_refused_naming_the_fault(string? header, AuthOutcome outcome, string part)
    {
        var result = BasicAuthentication.Verify(header, "u", "p");

        Assert.Equal(outcome, result.Outcome);
        Assert.Contains(part, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Basic_challenge_names_realm_and_charset()
    {
        Assert.Equal("Basic realm=\"Actor \\\"Stream\\\"\", charset=\"UTF-8\"", BasicAuthentication.Challenge("Actor \"Stream\""));
    }
}
