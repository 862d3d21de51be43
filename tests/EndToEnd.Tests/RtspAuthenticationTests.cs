using ActorStream.EndToEnd.Tests.Support.Rtsp;
using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests;

/// <summary>
/// The RTSP server with users configured: no credentials get 401 with both challenges; Basic and Digest with the
/// right password play (our raw client computing each, and real decoders given the credentials); a wrong one gets 401.
/// The password never reaches the seed's output.
/// </summary>
public sealed class RtspAuthenticationTests(RtspAuthSeedFixture seed) : IClassFixture<RtspAuthSeedFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_credentials_get_401_with_a_Basic_and_a_Digest_challenge()
    {
        await using var client = await RawRtspClient.ConnectAsync(new Uri(seed.Url), Ct);
        var reply = await client.DescribeAsync(Ct);
        Assert.True(reply.Status == 401, reply.ToString());
        var challenges = reply.HeaderValues("WWW-Authenticate");
        Assert.Contains(challenges, c => c.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(challenges, c => c.StartsWith("Digest ", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("v=0", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Basic_with_the_right_password_plays_and_wrong_gets_401()
    {
        await using var wrong = await RawRtspClient.ConnectAsync(new Uri(seed.Url), Ct);
        wrong.Authorization = DigestCredentials.Basic(RtspAuthSeedFixture.User, "not-the-password");
        Assert.Equal(401, (await wrong.DescribeAsync(Ct)).Status);

        await using var client = await RawRtspClient.ConnectAsync(new Uri(seed.Url), Ct);
        client.Authorization = DigestCredentials.Basic(RtspAuthSeedFixture.User, RtspAuthSeedFixture.Password);
        await PlayInterleavedAsync(client);
        AssertPasswordNotLogged();
    }

    [Fact]
    public async Task Digest_with_the_right_password_plays_and_wrong_gets_401()
    {
        await using var client = await RawRtspClient.ConnectAsync(new Uri(seed.Url), Ct);
        var challenge = DigestCredentials.DigestChallenge(await client.DescribeAsync(Ct)) ?? throw new InvalidOperationException("no Digest challenge");
        client.Authorization = DigestCredentials.Digest(challenge, RtspAuthSeedFixture.User, "not-the-password", "DESCRIBE", seed.Url);
        Assert.Equal(401, (await client.DescribeAsync(Ct)).Status);

        // Each request's Authorization answers for its own method and URI.
        await using var right = await RawRtspClient.ConnectAsync(new Uri(seed.Url), Ct);
        var fresh = DigestCredentials.DigestChallenge(await right.DescribeAsync(Ct))!;
        string For(string method, string uri) => DigestCredentials.Digest(fresh, RtspAuthSeedFixture.User, RtspAuthSeedFixture.Password, method, uri);
        right.Authorization = For("DESCRIBE", seed.Url);
        var describe = await right.DescribeAsync(Ct);
        Assert.True(describe.Status == 200, describe.ToString());
        var control = RawRtspClient.ControlUrl(describe, right.BaseUri, 0);
        right.Authorization = For("SETUP", control);
        Assert.Equal(200, (await right.SetupAsync(control, "RTP/AVP/TCP;unicast;interleaved=0-1", Ct)).Status);
        right.Authorization = For("PLAY", seed.Url);
        Assert.Equal(200, (await right.SessionRequestAsync("PLAY", Ct)).Status);
        await Eventually.Until(() => right.FramesSince(0, 0) >= 60, TimeSpan.FromSeconds(10), "60 RTP frames", Ct);
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("udp")]
    public async Task Ffprobe_with_the_right_credentials_decodes_and_with_wrong_ones_is_refused(string transport)
    {
        await using var probe = RtspFfprobe.Start(seed.UrlWith(RtspAuthSeedFixture.User, RtspAuthSeedFixture.Password), transport);
        await probe.WaitForFramesAsync(90, Ct);

        await using var refused = RtspFfprobe.Start(seed.UrlWith(RtspAuthSeedFixture.User, "wrong"), transport);
        await Eventually.Until(() => refused.HasExited, TimeSpan.FromSeconds(20), "ffprobe with a wrong password gives up", Ct);
        Assert.Equal(0, refused.VideoFrames);
        Assert.Contains("401", refused.ToString(), StringComparison.Ordinal);
        AssertPasswordNotLogged();
    }

    [Fact]
    public async Task Gstreamer_with_the_right_credentials_decodes()
    {
        var result = await GstRtspProbe.DecodeAsync(seed.Url, "tcp", 90, TimeSpan.FromSeconds(45), Ct,
            RtspAuthSeedFixture.User, RtspAuthSeedFixture.Password);
        Assert.True(result.DecodedFrames >= 90, $"{result}\nseed: {seed.Tail}");
    }

    private static async Task PlayInterleavedAsync(RawRtspClient client)
    {
        var describe = await client.DescribeAsync(Ct);
        Assert.True(describe.Status == 200, describe.ToString());
        Assert.Contains("m=video", describe.Body, StringComparison.Ordinal);
        Assert.Equal(200, (await client.SetupAsync(RawRtspClient.ControlUrl(describe, client.BaseUri, 0), "RTP/AVP/TCP;unicast;interleaved=0-1", Ct)).Status);
        Assert.Equal(200, (await client.SessionRequestAsync("PLAY", Ct)).Status);
        await Eventually.Until(() => client.FramesSince(0, 0) >= 60, TimeSpan.FromSeconds(10), "60 RTP frames", Ct);
    }

    private void AssertPasswordNotLogged()
    {
        Assert.DoesNotContain(RtspAuthSeedFixture.Password, seed.Seed.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(RtspAuthSeedFixture.Password, seed.Seed.Stderr, StringComparison.Ordinal);
    }
}
