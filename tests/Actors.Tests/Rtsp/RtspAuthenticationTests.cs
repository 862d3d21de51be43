using System.Text;
using ActorStream.Actors.Rtsp;
using ActorStream.Media.Rtsp;
using ActorStream.Tests.Support;

namespace ActorStream.Actors.Tests.Rtsp;

/// <summary>With users configured: 401 and challenges without credentials, ffmpeg plays with Basic and with Digest, wrong ones are 401.</summary>
public sealed class RtspAuthenticationTests(H264TestFrames frames) : RtspTestBase(frames), IClassFixture<H264TestFrames>
{
    private const string Password = "s3cret-Pa55";

    private static RtspSettings WithUsers(params string[] methods) => Settings(s => s with
    {
        Users = [new RtspUser("alice", Password, [Station]), new RtspUser("bob", "bobs-password", ["elsewhere"])],
        AuthMethods = methods,
        Realm = "TestRealm",
    });

    private string UrlFor(string user, string password) => $"rtsp://{user}:{password}@127.0.0.1:{Status.Port}/{Station}";

    [Fact]
    public async Task Without_or_with_wrong_credentials_the_answer_is_401_with_challenges()
    {
        await StartServerAsync(WithUsers("basic", "digest"));
        await using var client = await RawRtspClient.ConnectAsync(Status.Port);
        Assert.Equal(200, (await client.RequestAsync("OPTIONS", StationUrl)).Status);

        var refused = await client.RequestAsync("DESCRIBE", StationUrl);
        Assert.Equal(401, refused.Status);
        var challenges = refused["WWW-Authenticate"]!.Split('\n');
        Assert.Contains(challenges, c => c.StartsWith("Digest realm=\"TestRealm\"", StringComparison.Ordinal) && c.Contains("algorithm=MD5"));
        Assert.Contains(challenges, c => c.StartsWith("Basic realm=\"TestRealm\"", StringComparison.Ordinal));

        static string Basic(string user, string password) => "Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        Assert.Equal(401, (await client.RequestAsync("DESCRIBE", StationUrl, Basic("alice", "wrong"))).Status);
        Assert.Equal(401, (await client.RequestAsync("DESCRIBE", StationUrl, Basic("mallory", Password))).Status);
        Assert.Equal(401, (await client.RequestAsync("DESCRIBE", StationUrl, Basic("bob", "bobs-password"))).Status);
        Assert.Equal(401, (await client.RequestAsync("DESCRIBE", StationUrl, "Authorization: Basic !!!notbase64")).Status);
        Assert.Equal(200, (await client.RequestAsync("DESCRIBE", StationUrl, Basic("alice", Password))).Status);

        // Digest with the nonce of this connection's challenge (RFC 7616, MD5, qop=auth).
        var nonce = challenges.First(c => c.StartsWith("Digest", StringComparison.Ordinal)).Split("nonce=\"")[1].Split('"')[0];
        var response = DigestAuthentication.Response(DigestAlgorithm.Md5, "alice", Password, "TestRealm", "DESCRIBE", StationUrl, nonce, "auth", "00000001", "abcdef");
        var digest = $"Authorization: Digest username=\"alice\", realm=\"TestRealm\", nonce=\"{nonce}\", uri=\"{StationUrl}\", response=\"{response}\", qop=auth, nc=00000001, cnonce=\"abcdef\", algorithm=MD5";
        Assert.Equal(200, (await client.RequestAsync("DESCRIBE", StationUrl, digest)).Status);
        Assert.Equal(401, (await client.RequestAsync("DESCRIBE", StationUrl, digest.Replace(response, new string('0', 32), StringComparison.Ordinal))).Status);

        Assert.DoesNotContain(Logs.Entries, e => e.Message.Contains(Password, StringComparison.Ordinal) || e.Message.Contains("bobs-password", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("digest")]
    [InlineData("basic")]
    public async Task Ffmpeg_plays_with_the_right_credentials(string method)
    {
        await StartServerAsync(WithUsers(method));
        await using var player = DecodingReceiver.Start(FfmpegPath, UrlFor("alice", Password), $"rtsp {method}", "-rtsp_transport", "tcp");
        await player.WaitForFramesAsync(90, Generous, Token);

        await using var wrong = DecodingReceiver.Start(FfmpegPath, UrlFor("alice", "nope"), "wrong password", "-rtsp_transport", "tcp");
        await Eventually.Until(() => wrong.HasExited, Generous, "ffmpeg with a wrong password gives up", Token);
        Assert.Equal(0, wrong.Frames);
        Assert.Contains("401", wrong.StderrTail);
        Assert.DoesNotContain(Logs.Entries, e => e.Message.Contains(Password, StringComparison.Ordinal) || e.Message.Contains("nope", StringComparison.Ordinal));
    }
}
