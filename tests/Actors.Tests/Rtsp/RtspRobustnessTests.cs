using System.Text;
using ActorStream.Tests.Support;
using Microsoft.Extensions.Logging;

namespace ActorStream.Actors.Tests.Rtsp;

/// <summary>Hostile and slow clients harm no one else: a real ffmpeg keeps decoding through all of it.</summary>
public sealed class RtspRobustnessTests(H264TestFrames frames) : RtspTestBase(frames), IClassFixture<H264TestFrames>
{
    [Fact]
    public async Task Hostile_requests_are_refused_while_a_client_keeps_playing()
    {
        await StartServerAsync(Settings(s => s with { Limits = new Media.Rtsp.RtspParserLimits { MaxHeaderCount = 100 } }));
        await using var player = DecodingReceiver.Start(FfmpegPath, StationUrl, "rtsp tcp", "-rtsp_transport", "tcp");
        await player.WaitForFramesAsync(30, Generous, Token);

        var random = new byte[64 * 1024];
        new Random(11).NextBytes(random);
        foreach (var hostile in new[]
                 {
                     random,
                     Encoding.ASCII.GetBytes($"DESCRIBE {StationUrl} RTSP/1.0\r\nCSeq: 1\r\nX-Big: {new string('a', 1024 * 1024)}\r\n\r\n"),
                     Encoding.ASCII.GetBytes($"DESCRIBE {StationUrl} RTSP/1.0\r\nCSeq: 1\r\n{string.Concat(Enumerable.Range(0, 10_000).Select(i => $"X-H{i}: v\r\n"))}\r\n"),
                 })
        {
            await using var client = await RawRtspClient.ConnectAsync(Status.Port);
            await client.SendAsync(hostile);
            if (hostile != random || random[0] != '$') Assert.Equal(400, (await client.NextResponseAsync()).Status);
            await client.Closed.WaitAsync(TimeSpan.FromSeconds(10), Token);
        }

        await using (var client = await RawRtspClient.ConnectAsync(Status.Port))
        {
            await client.SendAsync($"DESCRIBE {StationUrl} RTSP/1.0\r\n\r\n");
            Assert.Equal(400, (await client.NextResponseAsync()).Status);
            Assert.Equal(454, (await client.RequestAsync("PLAY", StationUrl, "Session: UnknownSession99")).Status);
            Assert.Equal(400, (await client.RequestAsync("SETUP", $"{StationUrl}/{StandInRtpStream.Control}", "Transport: ;;;===,,,%%%")).Status);
            Assert.Equal(400, (await client.RequestAsync("PLAY", StationUrl, "Session: bad session id!")).Status);
        }

        var before = player.Frames;
        await player.WaitForFramesAsync(before + 30, Generous, Token);
        Assert.False(player.HasExited);
    }

    [Fact]
    public async Task A_stalled_tcp_client_is_dropped_and_another_goes_on()
    {
        await StartServerAsync(Settings(s => s with { TcpBacklogBytes = 64 * 1024 }));
        await using var player = DecodingReceiver.Start(FfmpegPath, StationUrl, "rtsp tcp", "-rtsp_transport", "tcp");

        await using var stalled = await RawRtspClient.ConnectAsync(Status.Port, receiveBuffer: 4096);
        var setup = await stalled.RequestAsync("SETUP", $"{StationUrl}/{StandInRtpStream.Control}", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
        Assert.Equal(200, setup.Status);
        Assert.Contains("interleaved=0-1", setup["Transport"]);
        Assert.Equal(200, (await stalled.RequestAsync("PLAY", StationUrl + "/", $"Session: {setup.SessionId}")).Status);
        await Eventually.Until(() => stalled.Frames > 10, Generous, "interleaved RTP arrives", Token);
        await stalled.StopReadingAsync();

        await Logs.WaitForAsync("dropped", Generous);
        Assert.True(Logs.Contains("127.0.0.1"), "the drop names the client");
        await Eventually.Until(async () => (await CurrentStatusAsync()).ClientsDropped == 1, Generous, "server counts the drop", Token);
        await player.WaitForFramesAsync(90, Generous, Token);
        var before = player.Frames;
        await player.WaitForFramesAsync(before + 30, Generous, Token);
        Assert.Equal(1, (await CurrentStatusAsync()).Sessions);
    }

    [Fact]
    public async Task Connections_beyond_the_limit_and_idle_ones_are_closed()
    {
        await StartServerAsync(Settings(s => s with { MaxConnections = 1, IdleConnectionTimeout = TimeSpan.FromSeconds(1) }));
        await using var first = await RawRtspClient.ConnectAsync(Status.Port);
        Assert.Equal(200, (await first.RequestAsync("OPTIONS", StationUrl)).Status);
        await using (var second = await RawRtspClient.ConnectAsync(Status.Port))
        {
            await second.Closed.WaitAsync(TimeSpan.FromSeconds(10), Token);
        }

        Assert.True(Logs.Contains("closed at once"), "the refusal is logged");
        await first.Closed.WaitAsync(TimeSpan.FromSeconds(10), Token);
        Assert.True(Logs.Contains("connection closed", LogLevel.Information));
        await Eventually.Until(async () => (await CurrentStatusAsync()).Connections == 0, Generous, "idle connection gone", Token);
        await using var third = await RawRtspClient.ConnectAsync(Status.Port);
        Assert.Equal(200, (await third.RequestAsync("OPTIONS", StationUrl)).Status);
    }

    [Fact]
    public async Task Fifty_clients_over_udp_and_tcp_all_receive_the_stream()
    {
        await StartServerAsync();
        var udpClients = new List<(RawRtspClient Client, RawUdpReceiver Udp)>();
        var tcpClients = new List<RawRtspClient>();
        try
        {
            for (var i = 0; i < 25; i++)
            {
                udpClients.Add((await RawRtspClient.ConnectAsync(Status.Port), RawUdpReceiver.Open()));
                tcpClients.Add(await RawRtspClient.ConnectAsync(Status.Port));
            }

            // All at once: each PLAY is answered at the stream's next keyframe.
            await Task.WhenAll(udpClients.Select(c => PlayUdpAsync(c.Client, c.Udp)).Concat(tcpClients.Select(async tcp =>
            {
                var setup = await tcp.RequestAsync("SETUP", $"{StationUrl}/{StandInRtpStream.Control}", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
                Assert.Equal(200, setup.Status);
                Assert.Equal(200, (await tcp.RequestAsync("PLAY", StationUrl + "/", $"Session: {setup.SessionId}")).Status);
                return setup.SessionId!;
            })));

            Assert.Equal(50, (await CurrentStatusAsync()).Sessions);
            var udpStart = udpClients.Select(c => c.Udp.RtpPackets).ToArray();
            var tcpStart = tcpClients.Select(c => c.Frames).ToArray();
            await Eventually.Until(
                () => udpClients.Select((c, i) => c.Udp.RtpPackets - udpStart[i]).Min() > 200 && tcpClients.Select((c, i) => c.Frames - tcpStart[i]).Min() > 200,
                Generous, "every one of 50 clients receives 200 more packets", Token);
        }
        finally
        {
            foreach (var (client, udp) in udpClients)
            {
                await client.DisposeAsync();
                udp.Dispose();
            }

            foreach (var tcp in tcpClients) await tcp.DisposeAsync();
        }
    }
}
