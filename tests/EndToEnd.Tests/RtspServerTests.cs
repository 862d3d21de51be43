using System.Diagnostics;
using System.Globalization;
using System.Text;
using ActorStream.EndToEnd.Tests.Support;
using ActorStream.EndToEnd.Tests.Support.Netns;
using ActorStream.EndToEnd.Tests.Support.Rtsp;
using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests;

/// <summary>
/// Issue 11's RTSP server against real clients: one seed (<see cref="RtspSeedFixture"/>: an H.264 station, an H.265
/// station, a station with AAC audio) on loopback; ffprobe, GStreamer, VLC, `actorstream play` and a raw client of the
/// test's own play it, pause it, tear it down, crowd it, stall on it, send it garbage, and lose its encoder.
/// </summary>
public sealed class RtspServerTests(RtspSeedFixture seed) : IClassFixture<RtspSeedFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RtspSeedFixture.Main, "udp", "h264")]
    [InlineData(RtspSeedFixture.Main, "tcp", "h264")]
    [InlineData(RtspSeedFixture.Hevc, "udp", "hevc")]
    [InlineData(RtspSeedFixture.Hevc, "tcp", "hevc")]
    public async Task Ffprobe_decodes_90_frames_of_each_codec_over_udp_and_tcp(string station, string transport, string codec)
    {
        var url = seed.Url(station);
        Assert.Equal([$"video:{codec}"], await RtspFfprobe.StreamsAsync(url, transport, Ct));
        await using var probe = RtspFfprobe.Start(url, transport);
        await probe.WaitForFramesAsync(90, Ct);
        Log(probe.ToString());
        Assert.Equal($"{RtspSeedFixture.MainSize.Width}x{RtspSeedFixture.MainSize.Height}: {probe.VideoFrames}", probe.Sizes);
    }

    [Theory]
    [InlineData("udp")]
    [InlineData("tcp")]
    public async Task The_audio_track_of_a_station_with_audio_decodes(string transport)
    {
        var url = seed.Url(RtspSeedFixture.Sound);
        var streams = await RtspFfprobe.StreamsAsync(url, transport, Ct);
        Assert.Contains("video:h264", streams);
        Assert.Contains("audio:aac", streams);
        await using var probe = RtspFfprobe.Start(url, transport);
        // AAC at 48 kHz: 1024 samples a frame, ~47 a second.
        await probe.WaitForFramesAsync(60, Ct, audio: 90);
        Log(probe.ToString());
    }

    [Theory]
    [InlineData("udp")]
    [InlineData("tcp")]
    public async Task Gstreamer_rtspsrc_decodes_90_frames(string protocols)
    {
        var result = await GstRtspProbe.DecodeAsync(seed.Url(RtspSeedFixture.Main), protocols, 90, TimeSpan.FromSeconds(45), Ct);
        Log($"{result.CommandLine}: exit {result.ExitCode}, {result.DecodedFrames} frames");
        Assert.True(result.DecodedFrames >= 90, $"{result}\nseed: {seed.Tail}");
        var hevc = await GstRtspProbe.DecodeAsync(seed.Url(RtspSeedFixture.Hevc), protocols, 90, TimeSpan.FromSeconds(45), Ct);
        Assert.True(hevc.DecodedFrames >= 90, $"{hevc}\nseed: {seed.Tail}");
    }

    [Fact]
    public async Task VLC_as_nobody_records_a_playable_file()
    {
        Assert.SkipWhen(VlcRecorder.RtspSupportMissing is not null, VlcRecorder.RtspSupportMissing ?? "");
        Assert.SkipWhen(!Environment.IsPrivilegedProcess, "runuser -u nobody needs root");
        var recording = await VlcRecorder.RecordAsync(seed.Url(RtspSeedFixture.Sound), 8, overTcp: false, Ct);
        Log($"{recording}");
        Assert.True(recording.VideoFrames >= 90, $"{recording}");
        Assert.True(recording.AudioFrames > 0, $"{recording}");
    }

    [Fact]
    public async Task PAUSE_for_2_s_sends_no_RTP_and_PLAY_resumes_it()
    {
        using var ports = RtpPortPair.Open();
        await using var client = await PlayOverUdpAsync(seed.Url(RtspSeedFixture.Main), ports);

        var pause = await client.SessionRequestAsync("PAUSE", Ct);
        Assert.True(pause.Status == 200, pause.ToString());
        // What was already on its way (a frame's packets) may still land just after the answer.
        var quietFrom = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 5;
        await Task.Delay(TimeSpan.FromSeconds(2.2), Ct);
        var quietTo = Stopwatch.GetTimestamp();
        var during = ports.RtpBetween(quietFrom, quietTo);
        Assert.True(during == 0, $"{during} RTP datagrams arrived during the pause");

        var resumed = Stopwatch.GetTimestamp();
        var play = await client.SessionRequestAsync("PLAY", Ct);
        Assert.True(play.Status == 200, play.ToString());
        // At live: a frame's worth of packets within a second or so (next keyframe or at once), then a steady flow.
        await Eventually.Until(() => ports.RtpBetween(resumed, long.MaxValue) >= 60, TimeSpan.FromSeconds(10),
            $"60 RTP datagrams after PLAY; {ports.RtpBetween(resumed, long.MaxValue)} so far", Ct);
        var first = ports.Rtp.First(d => d.Timestamp >= resumed);
        Log($"first RTP {Stopwatch.GetElapsedTime(resumed, first.Timestamp).TotalMilliseconds:0} ms after PLAY; RTP-Info: {play.Header("RTP-Info")}");
        Assert.Equal(200, (await client.SessionRequestAsync("TEARDOWN", Ct)).Status);
    }

    [Fact]
    public async Task PAUSE_and_PLAY_over_tcp_interleaved_stop_and_resume_the_frames()
    {
        await using var client = await RawRtspClient.ConnectAsync(new Uri(seed.Url(RtspSeedFixture.Main)), Ct);
        var describe = await client.DescribeAsync(Ct);
        Assert.True(describe.Status == 200, describe.ToString());
        var setup = await client.SetupAsync(RawRtspClient.ControlUrl(describe, client.BaseUri, 0), "RTP/AVP/TCP;unicast;interleaved=0-1", Ct);
        Assert.True(setup.Status == 200, setup.ToString());
        Assert.Equal(200, (await client.SessionRequestAsync("PLAY", Ct)).Status);
        await Eventually.Until(() => client.FramesSince(0, 0) >= 60, TimeSpan.FromSeconds(10), "60 interleaved RTP frames on channel 0", Ct);

        Assert.Equal(200, (await client.SessionRequestAsync("PAUSE", Ct)).Status);
        var quietFrom = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 5;
        await Task.Delay(TimeSpan.FromSeconds(2.2), Ct);
        var during = client.FramesSince(quietFrom, 0);
        Assert.True(during == 0, $"{during} interleaved RTP frames during the pause");
        var resumed = Stopwatch.GetTimestamp();
        Assert.Equal(200, (await client.SessionRequestAsync("PLAY", Ct)).Status);
        await Eventually.Until(() => client.FramesSince(resumed, 0) >= 60, TimeSpan.FromSeconds(10), "60 RTP frames after PLAY", Ct);
    }

    [Fact]
    public async Task TEARDOWN_ends_the_session_its_RTP_stops_and_the_session_is_unknown_after()
    {
        using var ports = RtpPortPair.Open();
        await using var client = await PlayOverUdpAsync(seed.Url(RtspSeedFixture.Main), ports);
        var teardown = await client.SessionRequestAsync("TEARDOWN", Ct);
        Assert.True(teardown.Status == 200, teardown.ToString());
        var from = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 5;
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        Assert.Equal(0, ports.RtpBetween(from, long.MaxValue));

        // The connection may stay open (RFC 2326) or be closed; either way the session is gone.
        if (!client.IsClosed)
        {
            var after = await client.ReplyOrCloseAfterAsync(c => c.SessionRequestAsync("PLAY", Ct));
            Assert.True(after is null || after.Status == 454, $"PLAY after TEARDOWN: {after}");
        }
    }

    [Fact]
    public async Task A_client_gone_without_TEARDOWN_is_reaped_after_the_session_timeout()
    {
        // A client that vanished: it set up and played, then says nothing (no request, no RTCP: the ports only
        // listen) while its connection stays open, so only the session timeout can end the session.
        using var ports = RtpPortPair.Open();
        await using var client = await PlayOverUdpAsync(seed.Url(RtspSeedFixture.Main), ports);
        // The server's timer starts at its answer to PLAY, which comes after the request was sent.
        var lastWord = client.LastRequestAt;
        var timeout = RtspSeedFixture.SessionTimeout;
        await Eventually.Until(() => Stopwatch.GetElapsedTime(ports.Rtp[^1].Timestamp) > TimeSpan.FromSeconds(1.5),
            timeout + TimeSpan.FromSeconds(10), $"RTP stops within the session timeout ({timeout.TotalSeconds:0} s) and 10 s", Ct);
        var last = ports.Rtp[^1].Timestamp;
        var after = Stopwatch.GetElapsedTime(lastWord, last);
        Log($"last RTP {after.TotalSeconds:0.0} s after the client's last request (timeout {timeout.TotalSeconds:0} s)");
        Assert.True(after >= timeout * 0.8, $"RTP stopped {after.TotalSeconds:0.0} s after the last request, before the {timeout.TotalSeconds:0} s timeout");

        var again = await client.ReplyOrCloseAfterAsync(c => c.SessionRequestAsync("GET_PARAMETER", Ct));
        Assert.True(again is null || again.Status == 454, $"the reaped session answered: {again}");
    }

    [Fact]
    public async Task Fifty_concurrent_clients_over_tcp_and_udp_all_decode()
    {
        var url = seed.Url(RtspSeedFixture.Main);
        var probes = new List<RtspFfprobe>();
        try
        {
            for (var i = 0; i < 50; i++)
            {
                probes.Add(RtspFfprobe.Start(url, i % 2 == 0 ? "tcp" : "udp"));
            }

            await Task.WhenAll(probes.Select(p => p.WaitForFramesAsync(30, Ct, timeout: TimeSpan.FromSeconds(120))));
            // What 50 readers cost the seed (its own process: the readers and its encoder are other processes), for the log.
            var before = ProcessCpuSampler.Sample(seed.Seed.Pid);
            var counted = Stopwatch.GetTimestamp();
            await Task.WhenAll(probes.Select(p => p.WaitForFramesSinceAsync(counted, 30, TimeSpan.FromSeconds(30), Ct)));
            var load = ProcessCpuSampler.Sample(seed.Seed.Pid).LoadSince(before);
            Log(string.Create(CultureInfo.InvariantCulture, $"seed CPU with 50 readers: {100 * load:0.0}% of a core; ") +
                string.Join(", ", probes.GroupBy(p => p.Transport).Select(g => $"{g.Key}: {g.Min(p => p.VideoFrames)}-{g.Max(p => p.VideoFrames)} frames")));
        }
        finally
        {
            foreach (var probe in probes)
            {
                await probe.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_tcp_client_that_stops_reading_is_dropped_and_the_others_go_on()
    {
        var url = seed.Url(RtspSeedFixture.Main);
        await using var steady = RtspFfprobe.Start(url, "tcp");
        await steady.WaitForFramesAsync(30, Ct);
        await using var stalled = await RawRtspClient.ConnectAsync(new Uri(url), Ct, receiveBuffer: 4096);
        var describe = await stalled.DescribeAsync(Ct);
        Assert.Equal(200, (await stalled.SetupAsync(RawRtspClient.ControlUrl(describe, stalled.BaseUri, 0), "RTP/AVP/TCP;unicast;interleaved=0-1", Ct)).Status);
        Assert.Equal(200, (await stalled.SessionRequestAsync("PLAY", Ct)).Status);
        await Eventually.Until(() => stalled.FramesSince(0, 0) > 10, TimeSpan.FromSeconds(10), "the stalled client's first RTP", Ct);

        await stalled.StopReadingAsync(Ct);
        var stopped = Stopwatch.GetTimestamp();
        // It still says it is alive (a keep-alive every 2 s, answers unread), so the session timeout does not end it:
        // only falling too far behind may. The server's end of the connection then leaves ESTABLISHED (closed or
        // reset): seen from the server's side with ss, since a client that does not read cannot see the close.
        var keepAlive = Encoding.ASCII.GetBytes($"GET_PARAMETER {url} RTSP/1.0\r\nCSeq: 99\r\nSession: {stalled.Session}\r\n\r\n");
        var lastKeepAlive = 0L;
        await Eventually.Until(async () =>
        {
            if (Stopwatch.GetElapsedTime(lastKeepAlive) > TimeSpan.FromSeconds(2))
            {
                lastKeepAlive = Stopwatch.GetTimestamp();
                try
                {
                    await stalled.SendRawAsync(keepAlive, Ct);
                }
                catch (System.Net.Sockets.SocketException)
                {
                    // Already dropped: the check below sees it.
                }
            }

            return !await ServerSideEstablishedAsync(seed.RtspPort, stalled.LocalPort);
        }, TimeSpan.FromSeconds(60), $"the server drops the client that stopped reading ({RtspSeedFixture.TcpBacklogBytes} bytes of backlog)", Ct);
        var dropped = Stopwatch.GetElapsedTime(stopped);
        // ...and says why: dropped as too slow, not reaped or closed as idle.
        await Eventually.Until(() => seed.Seed.Stderr.Split('\n').Any(l => l.Contains("dropped", StringComparison.Ordinal)
                && l.Contains($":{stalled.LocalPort}", StringComparison.Ordinal)), TimeSpan.FromSeconds(5),
            $"the seed logs the drop of 127.0.0.1:{stalled.LocalPort}; {seed.Tail}", Ct);
        // Meanwhile the other client kept its pace: ~30 fps; at least 70% of the frames of the time it took.
        var framesMeanwhile = steady.VideoFramesSince(stopped);
        Log($"dropped {dropped.TotalSeconds:0.0} s after it stopped reading; the other decoded {framesMeanwhile} frames meanwhile");
        Assert.True(framesMeanwhile >= 0.7 * RtspSeedFixture.Fps * dropped.TotalSeconds,
            $"the other client decoded only {framesMeanwhile} frames in {dropped.TotalSeconds:0.0} s: {steady}");
        var since = Stopwatch.GetTimestamp();
        await steady.WaitForFramesSinceAsync(since, 30, TimeSpan.FromSeconds(10), Ct);
        stalled.ResumeReading();
    }

    [Fact]
    public async Task Hostile_input_is_refused_and_a_playing_client_keeps_playing()
    {
        var url = seed.Url(RtspSeedFixture.Main);
        var uri = new Uri(url);
        await using var player = RtspFfprobe.Start(url, "tcp");
        await player.WaitForFramesAsync(30, Ct);
        var random = new byte[8192];
        new Random(11).NextBytes(random);
        random[0] = (byte)'X';

        var cases = new (string Name, Func<RawRtspClient, Task<RtspReply?>> Send, int[] Allowed)[]
        {
            ("random bytes", c => SendAndReadAsync(c, random), [400]),
            ("a 1 MB header", c => SendAndReadAsync(c, Encoding.ASCII.GetBytes(
                $"OPTIONS {url} RTSP/1.0\r\nCSeq: 1\r\nX-Big: {new string('a', 1024 * 1024)}\r\n\r\n")), [400, 413, 431]),
            ("10,000 headers", c => SendAndReadAsync(c, Encoding.ASCII.GetBytes(
                $"OPTIONS {url} RTSP/1.0\r\nCSeq: 1\r\n{string.Concat(Enumerable.Range(0, 10_000).Select(i => $"X-H{i}: v\r\n"))}\r\n")), [400, 431]),
            ("a missing CSeq", c => SendAndReadAsync(c, Encoding.ASCII.GetBytes($"OPTIONS {url} RTSP/1.0\r\nUser-Agent: e2e\r\n\r\n")), [400]),
            ("an unknown session", c => { c.Session = "00000000DEADBEEF"; return c.SessionRequestAsync("PLAY", Ct)!; }, [454]),
            ("a Transport of garbage", async c =>
            {
                var describe = await c.DescribeAsync(Ct);
                // Printable garbage, so the request itself is well formed and the Transport header is what is refused.
                var reply = await SendAndReadAsync(c, Encoding.ASCII.GetBytes($"SETUP {RawRtspClient.ControlUrl(describe, uri, 0)} RTSP/1.0\r\n" +
                    "CSeq: 7\r\nTransport: garbage;;;===;client_port=x-y,RTP/XYZ;;\r\n\r\n"));
                Assert.True(reply is null || reply.CSeq == 7, $"the refusal of a well-formed request carries its CSeq: {reply}");
                return reply;
            }, [400, 461]),
        };

        foreach (var (name, send, allowed) in cases)
        {
            await using var hostile = await RawRtspClient.ConnectAsync(uri, Ct);
            var before = Stopwatch.GetTimestamp();
            RtspReply? reply;
            try
            {
                reply = await send(hostile);
            }
            catch (IOException)
            {
                reply = null; // closed (or reset) while we were still sending: refused
            }
            catch (System.Net.Sockets.SocketException)
            {
                reply = null;
            }

            Log($"{name}: {(reply is null ? "connection closed" : reply.ToString())}");
            Assert.True(reply is null || allowed.Contains(reply.Status), $"{name}: answered {reply}, not one of {string.Join('/', allowed)} or a close");
            // The playing client goes on, and the server still answers a new connection.
            await player.WaitForFramesSinceAsync(before, 15, TimeSpan.FromSeconds(10), Ct);
            await using var fresh = await RawRtspClient.ConnectAsync(uri, Ct);
            var options = await fresh.RequestAsync("OPTIONS", url, Ct);
            Assert.True(options.Status == 200, $"after {name}: OPTIONS answered {options}");
        }

        Assert.False(player.HasExited, player.ToString());
    }

    [Fact]
    public async Task Kill_9_of_the_stations_encoder_and_its_clients_receive_frames_again_without_reconnecting()
    {
        var url = seed.Url(RtspSeedFixture.Main);
        await using var overUdp = RtspFfprobe.Start(url, "udp");
        await using var overTcp = RtspFfprobe.Start(url, "tcp");
        await Task.WhenAll(overUdp.WaitForFramesAsync(30, Ct), overTcp.WaitForFramesAsync(30, Ct));
        var before = seed.StatusOf(RtspSeedFixture.Main);
        Assert.True(before.EncoderPid is > 0, $"no encoder pid on the status line: {seed.Tail}");

        var killed = Stopwatch.GetTimestamp();
        ProcessTree.Kill9(before.EncoderPid!.Value);
        var restarted = await seed.Seed.WaitForStdoutSinceAsync(
            l => StatusLineFields.TryParse(l, RtspSeedFixture.Main) is { } s && s.EncoderRestarts == before.EncoderRestarts + 1
                && s.EncoderPid is { } pid && pid != before.EncoderPid,
            killed, TimeSpan.FromSeconds(30), "station main restarts its encoder", Ct);
        // The same two ffprobe processes (they never reconnect by themselves) decode again.
        await Task.WhenAll(
            overUdp.WaitForFramesSinceAsync(restarted.Timestamp, 60, TimeSpan.FromSeconds(30), Ct),
            overTcp.WaitForFramesSinceAsync(restarted.Timestamp, 60, TimeSpan.FromSeconds(30), Ct));
        Assert.False(overUdp.HasExited || overTcp.HasExited, $"{overUdp}\n{overTcp}");
        Log($"encoder back {restarted.After(killed).TotalMilliseconds:0} ms after the kill; {overUdp}\n{overTcp}");
    }

    [Theory]
    [InlineData("udp")]
    [InlineData("tcp")]
    public async Task Actorstream_play_shows_about_30_fps_and_no_loss(string transport)
    {
        await using var play = NodeProcess.Start("play", seed.Url(RtspSeedFixture.Main), "--transport", transport, "--out", "null");
        var started = Stopwatch.GetTimestamp();
        // Its first seconds include the wait for a keyframe: judge the lines from 4 s on, over 6 s.
        await Eventually.Until(() => Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(10) || play.HasExited,
            TimeSpan.FromSeconds(15), "10 s of play", Ct);
        var lines = play.StdoutLines.Select(PlayStatusFields.TryParse).Where(s => s is not null).Select(s => s!).ToList();
        Assert.False(play.HasExited, $"play exited: {play.Stdout}\n{play.Stderr}");
        Assert.True(lines.Count >= 6, $"{lines.Count} status lines in 10 s: {play.Stdout}\n{play.Stderr}");
        var settled = lines.Skip(3).ToList();
        Log(string.Join('\n', play.StdoutLines.TakeLast(5)));
        Assert.All(settled, s => Assert.InRange(s.Fps, 25, 35));
        Assert.All(settled, s => Assert.Equal(0, s.LossPercent ?? -1));

        // q tears down and ends it cleanly.
        await play.WriteStdinAsync("q\n", Ct);
        Assert.Equal(0, await play.WaitForExitAsync(TimeSpan.FromSeconds(10), Ct));
    }

    /// <summary>DESCRIBE, SETUP of the video over UDP to <paramref name="ports"/>, PLAY, and 60 RTP datagrams arrived.</summary>
    private static async Task<RawRtspClient> PlayOverUdpAsync(string url, RtpPortPair ports)
    {
        var client = await RawRtspClient.ConnectAsync(new Uri(url), Ct);
        try
        {
            var describe = await client.DescribeAsync(Ct);
            Assert.True(describe.Status == 200, describe.ToString());
            var setup = await client.SetupAsync(RawRtspClient.ControlUrl(describe, client.BaseUri, 0), $"RTP/AVP;unicast;{ports.ClientPort}", Ct);
            Assert.True(setup.Status == 200, setup.ToString());
            var play = await client.SessionRequestAsync("PLAY", Ct);
            Assert.True(play.Status == 200, play.ToString());
            await Eventually.Until(() => ports.Rtp.Count >= 60, TimeSpan.FromSeconds(10), $"60 RTP datagrams on port {ports.RtpPort}", Ct);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    private static async Task<RtspReply?> SendAndReadAsync(RawRtspClient client, byte[] bytes)
    {
        await client.SendRawAsync(bytes, Ct);
        return await client.ReplyOrCloseAsync(Ct);
    }

    /// <summary>Whether `ss` shows the server's end (local port <paramref name="serverPort"/>) of the connection from
    /// <paramref name="clientPort"/> as ESTABLISHED.</summary>
    private static async Task<bool> ServerSideEstablishedAsync(int serverPort, int clientPort)
    {
        var output = await HostCommand.CheckedAsync("ss", ["-Htn", "state", "established",
            string.Create(CultureInfo.InvariantCulture, $"( sport = :{serverPort} and dport = :{clientPort} )")], cancellationToken: Ct);
        return output.Trim().Length > 0;
    }

    private static void Log(string text) => TestContext.Current.TestOutputHelper?.WriteLine(text);
}
