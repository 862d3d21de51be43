using System.Text;
using ActorStream.Tests.Support;

namespace ActorStream.Actors.Tests.Rtsp;

/// <summary>Every refusal of RFC 2326 the server gives, each on a raw socket, and what stays open afterwards.</summary>
public sealed class RtspRefusalTests(H264TestFrames frames) : RtspTestBase(frames), IClassFixture<H264TestFrames>
{
    [Fact]
    public async Task Each_refusal_has_its_status_and_leaves_the_connection_usable()
    {
        await StartServerAsync(Settings(s => s with { MaxSessionsPerConnection = 1 }));
        await using var client = await RawRtspClient.ConnectAsync(Status.Port);
        var track = $"{StationUrl}/{StandInRtpStream.Control}";

        var options = await client.RequestAsync("OPTIONS", StationUrl);
        Assert.Equal(200, options.Status);
        Assert.Contains("DESCRIBE", options["Public"]);
        Assert.Contains("GET_PARAMETER", options["Public"]);

        Assert.Equal(404, (await client.RequestAsync("DESCRIBE", $"rtsp://127.0.0.1:{Status.Port}/nosuchstation")).Status);
        Assert.Equal(404, (await client.RequestAsync("DESCRIBE", $"rtsp://127.0.0.1:{Status.Port}/*")).Status);
        Assert.Equal(404, (await client.RequestAsync("DESCRIBE", $"rtsp://127.0.0.1:{Status.Port}/..")).Status);
        Assert.Equal(454, (await client.RequestAsync("PLAY", StationUrl, "Session: NoSuchSession1")).Status);
        Assert.Equal(455, (await client.RequestAsync("PLAY", StationUrl)).Status);
        Assert.Equal(501, (await client.RequestAsync("FROBNICATE", StationUrl)).Status);
        var require = await client.RequestAsync("DESCRIBE", StationUrl, "Require: funky-feature");
        Assert.Equal(551, require.Status);
        Assert.Equal("funky-feature", require["Unsupported"]);
        Assert.Equal(405, (await client.RequestAsync("RECORD", StationUrl)).Status);
        Assert.Equal(461, (await client.RequestAsync("SETUP", track, "Transport: RTP/SAVP;unicast;client_port=5000-5001")).Status);
        Assert.Equal(461, (await client.RequestAsync("SETUP", track, "Transport: RTP/AVP;unicast")).Status);
        Assert.Equal(461, (await client.RequestAsync("SETUP", track, "Transport: RTP/AVP;multicast")).Status);
        Assert.Equal(400, (await client.RequestAsync("SETUP", track, "Transport: ##garbage;;==;client_port=x")).Status);
        Assert.Equal(400, (await client.RequestAsync("SETUP", track)).Status);
        Assert.Equal(404, (await client.RequestAsync("SETUP", $"{StationUrl}/trackID=7", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1")).Status);

        // RTSP/2.0 is refused with 505, a request without CSeq with 400; the connection stays.
        await client.SendAsync($"OPTIONS {StationUrl} RTSP/2.0\r\nCSeq: 50\r\n\r\n");
        var version = await client.NextResponseAsync();
        Assert.Equal(505, version.Status);
        Assert.Equal("50", version["CSeq"]);
        await client.SendAsync($"OPTIONS {StationUrl} RTSP/1.0\r\nUser-Agent: test\r\n\r\n");
        Assert.Equal(400, (await client.NextResponseAsync()).Status);

        // One session per connection here: a second SETUP without a session is 453, a SETUP on the session is not.
        using var udp = RawUdpReceiver.Open();
        var setup = await client.RequestAsync("SETUP", track, $"Transport: RTP/AVP;unicast;client_port={udp.ClientPort}");
        Assert.Equal(200, setup.Status);
        Assert.Matches(@"^[A-Za-z0-9]{16};timeout=60$", setup["Session"]);
        Assert.Contains($"client_port={udp.ClientPort}", setup["Transport"]);
        Assert.Contains($"server_port={Status.RtpPort}-{Status.RtpPort + 1}", setup["Transport"]);
        using var other = RawUdpReceiver.Open();
        Assert.Equal(453, (await client.RequestAsync("SETUP", track, $"Transport: RTP/AVP;unicast;client_port={other.ClientPort}")).Status);
        Assert.Equal(200, (await client.RequestAsync("SETUP", track, $"Transport: RTP/AVP;unicast;client_port={udp.ClientPort}", $"Session: {setup.SessionId}")).Status);
        Assert.Equal(461, (await client.RequestAsync("SETUP", track, "Transport: RTP/AVP/TCP;unicast;interleaved=0-1", $"Session: {setup.SessionId}")).Status);
        Assert.Equal(200, (await client.RequestAsync("GET_PARAMETER", StationUrl, $"Session: {setup.SessionId}")).Status);
        Assert.Equal(200, (await client.RequestAsync("SET_PARAMETER", StationUrl, $"Session: {setup.SessionId}")).Status);
        Assert.Equal(200, (await client.RequestAsync("TEARDOWN", StationUrl, $"Session: {setup.SessionId}")).Status);
        Assert.Equal(454, (await client.RequestAsync("PLAY", StationUrl, $"Session: {setup.SessionId}")).Status);
        Assert.Equal(200, (await client.RequestAsync("OPTIONS", "*")).Status);
        Assert.False(client.Closed.IsCompleted);
    }

    [Fact]
    public async Task Describe_answers_the_streams_sdp_with_its_content_base()
    {
        await StartServerAsync();
        await using var client = await RawRtspClient.ConnectAsync(Status.Port);
        var describe = await client.RequestAsync("DESCRIBE", StationUrl, "Accept: application/sdp");
        Assert.Equal(200, describe.Status);
        Assert.Equal("application/sdp", describe["Content-Type"]);
        Assert.Equal(StationUrl + "/", describe["Content-Base"]);
        Assert.Contains("a=rtpmap:96 H264/90000", describe.Body);
        Assert.Contains($"a=control:{StandInRtpStream.Control}", describe.Body);
    }

    [Fact]
    public async Task Framing_errors_get_400_and_a_closed_connection()
    {
        await StartServerAsync(Settings(s => s with { Limits = new Media.Rtsp.RtspParserLimits { MaxHeaderCount = 100 } }));

        var random = new byte[4096];
        new Random(7).NextBytes(random);
        random[0] = (byte)'G';
        foreach (var hostile in new[]
                 {
                     random,
                     Encoding.ASCII.GetBytes($"OPTIONS {StationUrl} RTSP/1.0\r\nCSeq: 1\r\nX-Big: {new string('a', 1024 * 1024)}\r\n\r\n"),
                     Encoding.ASCII.GetBytes($"OPTIONS {StationUrl} RTSP/1.0\r\nCSeq: 1\r\n{string.Concat(Enumerable.Range(0, 10_000).Select(i => $"X-H{i}: v\r\n"))}\r\n"),
                 })
        {
            await using var client = await RawRtspClient.ConnectAsync(Status.Port);
            await client.SendAsync(hostile);
            Assert.Equal(400, (await client.NextResponseAsync()).Status);
            await client.Closed.WaitAsync(TimeSpan.FromSeconds(10), Token);
        }

        await Eventually.Until(async () => (await CurrentStatusAsync()).Connections == 0, Generous, "hostile connections closed", Token);
    }
}
