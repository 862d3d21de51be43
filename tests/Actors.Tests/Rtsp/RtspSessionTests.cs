using System.Net;
using ActorStream.Media.Rtp;
using ActorStream.Messages.Rtsp;
using ActorStream.Tests.Support;
using Akka.Actor;

namespace ActorStream.Actors.Tests.Rtsp;

/// <summary>A session's life on real sockets: PLAY, PAUSE (nothing sent), PLAY again at live, RTCP both ways, TEARDOWN, reaping.</summary>
public sealed class RtspSessionTests(H264TestFrames frames) : RtspTestBase(frames), IClassFixture<H264TestFrames>
{
    [Fact]
    public async Task Pause_sends_nothing_and_play_resumes()
    {
        await StartServerAsync();
        await using var client = await RawRtspClient.ConnectAsync(Status.Port);
        using var udp = RawUdpReceiver.Open();
        var setup = await client.RequestAsync("SETUP", $"{StationUrl}/{StandInRtpStream.Control}", $"Transport: RTP/AVP;unicast;client_port={udp.ClientPort}");
        Assert.Equal(200, setup.Status);
        var session = setup.SessionId!;
        var play = await client.RequestAsync("PLAY", StationUrl + "/", $"Session: {session}");
        Assert.Equal(200, play.Status);
        Assert.Equal("npt=now-", play["Range"]);
        Assert.Matches($@"^url={StationUrl}/{StandInRtpStream.Control};seq=\d+;rtptime=\d+$", play["RTP-Info"]);
        await Eventually.Until(() => udp.RtpPackets > 100, Generous, "RTP arrives while playing", Token);

        // RTCP sender reports reach the client's RTCP port, with this session's counts and a CNAME.
        await Eventually.Until(() => udp.RtcpPackets.Count > 0, Generous, "an RTCP sender report arrives", Token);
        var rtcp = RtcpCompoundPacket.Parse(udp.RtcpPackets[0]);
        var report = Assert.Single(rtcp.SenderReports);
        Assert.True(report.PacketCount > 0 && report.PacketCount <= udp.RtpPackets, $"{report.PacketCount} vs {udp.RtpPackets}");
        Assert.Contains(RtcpSourceDescription.PacketType, rtcp.OtherPacketTypes);

        // A receiver report from the client's RTCP port becomes the session's figures, with a round trip from LSR/DLSR.
        var reports = CreateTestProbe();
        Sys.EventStream.Subscribe(reports.Ref, typeof(RtspSessionReport));
        var lsr = NtpTimestamp.Compact(report.NtpTimestamp);
        var block = new RtcpReportBlock(report.Ssrc, 64, 3, 1000, 900, lsr, 65536 / 100);
        await udp.SendRtcpAsync(new RtcpReceiverReport(0x1234, [block]).ToArray(), new IPEndPoint(IPAddress.Loopback, Status.RtpPort + 1));
        var figures = reports.FishForMessage<RtspSessionReport>(r => r.SessionId == session && r.LastReceiverReportUtc is not null, Generous);
        Assert.Equal(0.25, figures.FractionLost);
        Assert.Equal(3, figures.CumulativeLost);
        Assert.Equal(10.0, figures.JitterMs!.Value, 3);
        Assert.True(figures.RoundTripMs is >= 0, $"round trip {figures.RoundTripMs}");
        Assert.Equal("udp", figures.Transport);
        Assert.Equal("playing", figures.State);
        Assert.True(figures.PacketsSent > 0 && figures.BytesSent > figures.PacketsSent * 12);

        var pause = await client.RequestAsync("PAUSE", StationUrl + "/", $"Session: {session}");
        Assert.Equal(200, pause.Status);
        // What was on its way settles, then nothing for two seconds.
        await Task.Delay(300, Token);
        var atPause = udp.RtpPackets;
        await Task.Delay(2000, Token);
        Assert.Equal(atPause, udp.RtpPackets);
        Assert.Equal(0, await StreamSessionsAsync());

        var again = await client.RequestAsync("PLAY", StationUrl + "/", $"Session: {session}");
        Assert.Equal(200, again.Status);
        Assert.NotNull(again["RTP-Info"]);
        await Eventually.Until(() => udp.RtpPackets > atPause + 50, Generous, "RTP again after PLAY", Token);

        Assert.Equal(200, (await client.RequestAsync("TEARDOWN", StationUrl + "/", $"Session: {session}")).Status);
        reports.FishForMessage<RtspSessionReport>(r => r.SessionId == session && r.State == "closed", Generous);
        await Eventually.Until(async () => (await CurrentStatusAsync()).Sessions == 0 && await StreamSessionsAsync() == 0, Generous, "session gone", Token);
        await Task.Delay(300, Token);
        var atTeardown = udp.RtpPackets;
        await Task.Delay(1000, Token);
        Assert.Equal(atTeardown, udp.RtpPackets);
    }

    [Fact]
    public async Task A_client_gone_without_teardown_is_reaped_after_the_session_timeout()
    {
        await StartServerAsync(Settings(s => s with { SessionTimeout = TimeSpan.FromSeconds(2) }));
        var reports = CreateTestProbe();
        Sys.EventStream.Subscribe(reports.Ref, typeof(RtspSessionReport));
        using var udp = RawUdpReceiver.Open();
        string session;
        await using (var client = await RawRtspClient.ConnectAsync(Status.Port))
        {
            session = await PlayUdpAsync(client, udp);
            Assert.Equal("timeout=2", (await client.RequestAsync("GET_PARAMETER", StationUrl, $"Session: {session}"))["Session"]!.Split(';')[1]);
        }

        // The UDP session outlives its connection (RFC 2326: sessions are not tied to connections) until the timeout.
        await Eventually.Until(() => udp.RtpPackets > 30, Generous, "RTP flows after the connection closed", Token);
        Assert.Equal(1, (await CurrentStatusAsync()).Sessions);
        var closed = reports.FishForMessage<RtspSessionReport>(r => r.SessionId == session && r.State == "closed", TimeSpan.FromSeconds(10));
        Assert.InRange(DateTime.UtcNow - closed.StartedUtc, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(9));
        await Eventually.Until(async () => (await CurrentStatusAsync()).Sessions == 0 && await StreamSessionsAsync() == 0, Generous, "session reaped", Token);
    }

    [Fact]
    public async Task Receiver_reports_keep_a_session_alive_and_the_session_ends_with_its_stream()
    {
        await StartServerAsync(Settings(s => s with { SessionTimeout = TimeSpan.FromSeconds(2) }));
        using var udp = RawUdpReceiver.Open();
        await using var client = await RawRtspClient.ConnectAsync(Status.Port);
        await PlayUdpAsync(client, udp);
        var rtcp = new IPEndPoint(IPAddress.Loopback, Status.RtpPort + 1);
        for (var i = 0; i < 8; i++)
        {
            await udp.SendRtcpAsync(new RtcpReceiverReport(0x1234, []).ToArray(), rtcp);
            await Task.Delay(500, Token);
        }

        Assert.Equal(1, (await CurrentStatusAsync()).Sessions);

        // The station goes away: its sessions end with it.
        var stations = await Sys.ActorSelection("/user/stations").ResolveOne(TimeSpan.FromSeconds(5));
        Watch(stations);
        Sys.Stop(stations);
        ExpectTerminated(stations);
        await Eventually.Until(async () => (await CurrentStatusAsync()).Sessions == 0, Generous, "session ends with its stream", Token);
    }

    [Fact]
    public async Task Interleaved_receiver_reports_become_the_sessions_figures()
    {
        await StartServerAsync();
        var reports = CreateTestProbe();
        Sys.EventStream.Subscribe(reports.Ref, typeof(RtspSessionReport));
        await using var client = await RawRtspClient.ConnectAsync(Status.Port);
        var setup = await client.RequestAsync("SETUP", $"{StationUrl}/{StandInRtpStream.Control}", "Transport: RTP/AVP/TCP;unicast;interleaved=4-5");
        Assert.Equal(200, setup.Status);
        Assert.Contains("interleaved=4-5", setup["Transport"]);
        var ssrc = Convert.ToUInt32(setup["Transport"]!.Split("ssrc=")[1][..8], 16);
        Assert.Equal(200, (await client.RequestAsync("PLAY", StationUrl + "/", $"Session: {setup.SessionId}")).Status);
        await Eventually.Until(() => client.Frames > 30, Generous, "interleaved RTP arrives", Token);

        var rr = new RtcpReceiverReport(0x4321, [new RtcpReportBlock(ssrc, 0, 7, 500, 9000, 0, 0)]).ToArray();
        await client.SendAsync([(byte)'$', 5, 0, (byte)rr.Length, .. rr]);
        var figures = reports.FishForMessage<RtspSessionReport>(r => r.Transport == "tcp" && r.LastReceiverReportUtc is not null, Generous);
        Assert.Equal(7, figures.CumulativeLost);
        Assert.Equal(100.0, figures.JitterMs!.Value, 3);
        Assert.Null(figures.RoundTripMs);

        // The connection goes on after the binary frame: requests are still read.
        Assert.Equal(200, (await client.RequestAsync("GET_PARAMETER", StationUrl, $"Session: {setup.SessionId}")).Status);
    }

    [Fact]
    public async Task An_interleaved_PLAY_answer_comes_before_the_first_RTP_frame()
    {
        await StartServerAsync();
        await using var client = await RawRtspClient.ConnectAsync(Status.Port);
        var setup = await client.RequestAsync("SETUP", $"{StationUrl}/{StandInRtpStream.Control}", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
        Assert.Equal(200, setup.Status);

        var play = await client.RequestAsync("PLAY", StationUrl + "/", $"Session: {setup.SessionId}");

        Assert.Equal(200, play.Status);
        // The session starts sending at once after RtpStarted: a client reading the answer right after PLAY must get it first.
        Assert.Equal(0, play.FramesBefore);
        await Eventually.Until(() => client.Frames > 10, Generous, "interleaved RTP arrives after the answer", Token);
    }
}
