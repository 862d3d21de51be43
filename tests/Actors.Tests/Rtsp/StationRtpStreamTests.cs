using System.Net;
using ActorStream.Actors.FanOut;
using ActorStream.Actors.Rtsp;
using ActorStream.Media.MpegTs;
using ActorStream.Media.Multicast;
using ActorStream.Media.Rtp;
using ActorStream.Media.Tests.Support;
using ActorStream.Messages.Metrics;
using ActorStream.Messages.Pipeline;
using ActorStream.Messages.Rtsp;
using ActorStream.Tests.Support;
using Akka.Actor;
using Akka.TestKit.Xunit;

namespace ActorStream.Actors.Tests.Rtsp;

/// <summary>
/// A station's RTP stream fed a real encoder's MPEG-TS (H.264 + AAC from ffmpeg) as the fan-out hands it chunks: the
/// test actor plays an RTSP session.
/// </summary>
public sealed class StationRtpStreamTests : TestKit, IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("actorstream-rtp-");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    void IDisposable.Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public async Task Describe_then_start_gives_the_next_keyframe_first_and_rtp_clocks()
    {
        var (chunks, video) = await StationStreamAsync();
        var stream = StartStream(RtspSettings.Default, group: null);

        stream.Tell(new DescribeRtpStream("rtsp://127.0.0.1:8554/news/", "127.0.0.1"), TestActor);
        Feed(stream, chunks, 0, chunks.Count / 4);
        var described = await ExpectMsgAsync<RtpStreamDescribed>(Wait, cancellationToken: Token);

        Assert.Contains("a=rtpmap:96 H264/90000", described.Sdp, StringComparison.Ordinal);
        Assert.Contains("a=rtpmap:97 mpeg4-generic/48000/2", described.Sdp, StringComparison.Ordinal);
        Assert.Equal(["trackID=0", "trackID=1"], described.Tracks.Select(t => t.Control));
        Assert.Equal([90_000, 48_000], described.Tracks.Select(t => t.ClockRate));
        Assert.False(described.MulticastAvailable);

        stream.Tell(new StartRtp([0, 1]), TestActor);
        Feed(stream, chunks, chunks.Count / 4, chunks.Count);
        var started = await ExpectMsgAsync<RtpStarted>(Wait, cancellationToken: Token);
        var first = await ExpectMsgAsync<RtpBatch>(Wait, cancellationToken: Token);

        // The session starts at the second keyframe (frame 30): the first went by before it asked.
        Assert.Equal(0, first.Track);
        Assert.True(first.Keyframe);
        var head = RtpPacket.Parse(first.Packets[0]).Header;
        Assert.Equal(head.SequenceNumber, started.Tracks[0].Sequence);
        Assert.Equal(head.Timestamp, started.Tracks[0].RtpTime);
        Assert.Equal(described.Tracks[0].Ssrc, head.Ssrc);
        Assert.Equal(2, started.Tracks.Count);

        // A capture-time report for frame 30's PTS: the RTP clock of the video says that frame's RTP time.
        var captured = new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
        stream.Tell(new StreamClockReport("news", video[30].Pts, captured, 1), ActorRefs.NoSender);
        var clock = await FishForMessageAsync<RtpClock>(c => c.Track == 0, Wait, cancellationToken: Token);
        Assert.Equal((head.Timestamp, captured, described.Tracks[0].Ssrc, 90_000), (clock.RtpTime, clock.CaptureUtc, clock.Ssrc, clock.ClockRate));
    }

    [Fact]
    public async Task Cached_gop_start_sends_the_last_group_of_pictures_at_once()
    {
        var (chunks, _) = await StationStreamAsync();
        var stream = StartStream(RtspSettings.Default with { SessionStart = "cached-gop" }, group: null);
        // 1.5 s of stream: the cache holds frames 30 to about 44.
        Feed(stream, chunks, 0, (chunks.Count * 3) / 8);
        stream.Tell(new DescribeRtpStream("rtsp://127.0.0.1/news/", "127.0.0.1"), TestActor);
        await ExpectMsgAsync<RtpStreamDescribed>(Wait, cancellationToken: Token);

        stream.Tell(new StartRtp([0]), TestActor);
        var started = await ExpectMsgAsync<RtpStarted>(Wait, cancellationToken: Token);
        var batches = new List<RtpBatch>();
        for (var i = 0; i < 10; i++)
        {
            batches.Add(await ExpectMsgAsync<RtpBatch>(Wait, cancellationToken: Token));
        }

        Assert.True(batches[0].Keyframe);
        Assert.Equal(started.Tracks.Single().Sequence, RtpPacket.Parse(batches[0].Packets[0]).Header.SequenceNumber);
        Assert.All(batches, b => Assert.Equal(0, b.Track));
        Assert.Single(batches, b => b.Keyframe);
    }

    [Fact]
    public async Task A_multicast_session_makes_the_stream_send_to_the_group_with_sender_reports()
    {
        var (chunks, video) = await StationStreamAsync();
        var port = FreeEvenPorts();
        var group = new MulticastGroup(IPAddress.Parse($"239.255.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}"), 5004);
        using var rtp = DatagramCounter.JoinGroup(group.Address, port);
        using var rtcp = DatagramCounter.JoinGroup(group.Address, port + 1);
        using var audio = DatagramCounter.JoinGroup(group.Address, port + 2);
        var stream = StartStream(RtspSettings.Default with { MulticastPort = port }, group);
        Feed(stream, chunks, 0, chunks.Count / 4);
        stream.Tell(new DescribeRtpStream("rtsp://127.0.0.1/news/", "127.0.0.1"), TestActor);
        Assert.True((await ExpectMsgAsync<RtpStreamDescribed>(Wait, cancellationToken: Token)).MulticastAvailable);

        stream.Tell(JoinRtpMulticastInstance, TestActor);
        var joined = await ExpectMsgAsync<RtpMulticastJoined>(Wait, cancellationToken: Token);
        Feed(stream, chunks, chunks.Count / 4, chunks.Count);
        stream.Tell(new StreamClockReport("news", video[^1].Pts, DateTime.UtcNow, 1), ActorRefs.NoSender);

        Assert.Equal((group.Address.ToString(), 1), (joined.Address, joined.Ttl));
        Assert.Equal([port, port + 2], joined.Ports);
        await Eventually.Until(() => rtp.Datagrams >= 90 && audio.Datagrams >= 50 && rtcp.Datagrams >= 1, Wait,
            "the group gets 90 video, 50 audio and an RTCP datagram", Token);

        // Once the last session has left (a DESCRIBE answered after it: the stream has handled it), nothing more is sent.
        stream.Tell(new LeaveRtpMulticast(), TestActor);
        await SyncAsync(stream);
        await Task.Delay(200, Token); // datagrams already on their way over loopback
        var before = rtp.Datagrams;
        Feed(stream, chunks, 0, chunks.Count);
        await SyncAsync(stream);
        await Task.Delay(200, Token);
        Assert.Equal(before, rtp.Datagrams);
    }

    [Fact]
    public async Task A_unicast_station_refuses_multicast_and_a_describe_without_keyframe_times_out()
    {
        var stream = StartStream(RtspSettings.Default, group: null, describeWait: TimeSpan.FromMilliseconds(300));

        stream.Tell(JoinRtpMulticastInstance, TestActor);
        Assert.Contains("unicast-only", (await ExpectMsgAsync<RtpStreamUnavailable>(Wait, cancellationToken: Token)).Reason, StringComparison.Ordinal);
        stream.Tell(new DescribeRtpStream("rtsp://127.0.0.1/news/", "127.0.0.1"), TestActor);
        Assert.Contains("no keyframe", (await ExpectMsgAsync<RtpStreamUnavailable>(Wait, cancellationToken: Token)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closing_the_station_tells_its_sessions_and_stops_the_stream()
    {
        var (chunks, _) = await StationStreamAsync();
        var stream = StartStream(RtspSettings.Default, group: null);
        Watch(stream);
        stream.Tell(new StartRtp([0]), TestActor);
        Feed(stream, chunks, 0, chunks.Count / 2);
        await ExpectMsgAsync<RtpStarted>(Wait, cancellationToken: Token);

        stream.Tell(new CloseStation("removed"), ActorRefs.NoSender);

        var unavailable = await FishForMessageAsync<RtpStreamUnavailable>(_ => true, Wait, cancellationToken: Token);
        Assert.Contains("closing: removed", unavailable.Reason, StringComparison.Ordinal);
        await FishForMessageAsync<Terminated>(t => t.ActorRef.Equals(stream), Wait, cancellationToken: Token);
    }

    [Fact]
    public async Task A_new_encoder_run_is_known_by_its_chunks_numbered_from_0_even_when_its_counters_and_timestamps_follow_on()
    {
        // One video-only run cut after a whole frame, then the same stream 1.5 s on, where the video counter happens to
        // follow on: nothing in the packets says a new encoder started, only the chunk numbers starting over.
        var ts = await File.ReadAllBytesAsync(await TsFiles.EncodeStationAsync(Path.Combine(_temp.FullName, "v.ts"), "libx264", 4, audio: false, Token), Token);
        var chunks = ts.Chunk(TsPacket.DatagramSize).ToList();
        var (cut, resume) = FindSeamlessSplice(chunks, minSkipChunks: 60);
        var stream = StartStream(RtspSettings.Default, group: null);
        stream.Tell(new DescribeRtpStream("rtsp://127.0.0.1/news/", "127.0.0.1"), TestActor);
        stream.Tell(new StartRtp([0]), TestActor);
        Feed(stream, chunks, 0, cut);
        for (var i = resume; i < chunks.Count; i++)
        {
            stream.Tell(new EncodedChunk(chunks[i], i - resume, DateTime.UtcNow), ActorRefs.NoSender);
        }

        await ExpectMsgAsync<RtpStreamDescribed>(Wait, cancellationToken: Token);
        await ExpectMsgAsync<RtpStarted>(Wait, cancellationToken: Token);
        var batches = new List<RtpBatch>();
        var expected = CountVideoFrames(chunks.Take(cut)) + CountVideoFrames(chunks.Skip(resume));
        while (batches.Count < expected)
        {
            var batch = await FishForMessageAsync<RtpBatch>(_ => true, TimeSpan.FromSeconds(3), cancellationToken: Token);
            batches.Add(batch);
            if (unchecked((int)(RtpPacket.Parse(batch.Packets[0]).Header.Timestamp - RtpPacket.Parse(batches[0].Packets[0]).Header.Timestamp)) < 0)
            {
                Assert.Fail("RTP time went back");
            }

            if (batches.Count > 1 && Step(batches[^2], batch) != 3000)
            {
                // The splice: a restart's gap of exactly 1 s (not the 1.5 s or more skipped), and the resumed stream
                // is known to be a new run from its first frame on.
                Assert.Equal(90_000, Step(batches[^2], batch));
                return;
            }
        }

        Assert.Fail("no restart seen at the splice");

        static long Step(RtpBatch a, RtpBatch b) =>
            unchecked((int)(RtpPacket.Parse(b.Packets[0]).Header.Timestamp - RtpPacket.Parse(a.Packets[0]).Header.Timestamp));
    }

    /// <summary>
    /// A chunk index to cut before (the video's last packet before it ends a frame) and one at least
    /// <paramref name="minSkipChunks"/> later to go on from, whose first video packet's counter follows the cut's.
    /// </summary>
    private static (int Cut, int Resume) FindSeamlessSplice(List<byte[]> chunks, int minSkipChunks)
    {
        var video = new List<(int Chunk, int Counter, bool Start)>();
        for (var c = 0; c < chunks.Count; c++)
        {
            for (var offset = 0; offset + TsPacket.Size <= chunks[c].Length; offset += TsPacket.Size)
            {
                if (TsPacket.TryParse(chunks[c].AsSpan(offset, TsPacket.Size), out var header, out _) && header.Pid == 0x100 && header.HasPayload)
                {
                    video.Add((c, header.ContinuityCounter, header.PayloadUnitStart));
                }
            }
        }

        for (var i = 30; i + 1 < video.Count; i++)
        {
            // The cut falls between chunks, right after a video packet that ends its frame.
            if (video[i + 1].Chunk == video[i].Chunk || !video[i + 1].Start)
            {
                continue;
            }

            var cut = video[i].Chunk + 1;
            var next = (video[i].Counter + 1) & 0x0F;
            var resume = video.FindIndex(i + 1, v => v.Chunk >= cut + minSkipChunks && v.Counter == next && v.Start
                && video.FindIndex(w => w.Chunk == v.Chunk) == video.IndexOf(v));
            if (resume >= 0)
            {
                return (cut, video[resume].Chunk);
            }
        }

        throw new InvalidOperationException("no splice point where the video counter follows on");
    }

    private static int CountVideoFrames(IEnumerable<byte[]> chunks)
    {
        var demuxer = new TsDemuxer();
        return chunks.Sum(c => demuxer.Feed(c).Count(f => f.Kind == ElementaryStreamKind.Video));
    }

    private async Task SyncAsync(IActorRef stream)
    {
        stream.Tell(new DescribeRtpStream("rtsp://127.0.0.1/news/", "127.0.0.1"), TestActor);
        await ExpectMsgAsync<RtpStreamDescribed>(Wait, cancellationToken: Token);
    }

    private static JoinRtpMulticast JoinRtpMulticastInstance { get; } = new();

    private IActorRef StartStream(RtspSettings settings, MulticastGroup? group, TimeSpan? describeWait = null) =>
        Sys.ActorOf(Props.Create(() => new StationRtpStream(
            "news", settings, group, new MulticastSettings { Ttl = 1, Interface = IPAddress.Loopback }, describeWait)), "rtp");

    /// <summary>4 s of H.264 + AAC as the encoder makes it, as its 7-packet chunks; and the video frames in it.</summary>
    private async Task<(List<byte[]> Chunks, List<ElementaryFrame> Video)> StationStreamAsync()
    {
        var ts = await File.ReadAllBytesAsync(await TsFiles.EncodeStationAsync(Path.Combine(_temp.FullName, "s.ts"), "libx264", 4, audio: true, Token), Token);
        var chunks = ts.Chunk(TsPacket.DatagramSize).ToList();
        var demuxer = new TsDemuxer();
        var frames = chunks.SelectMany(c => demuxer.Feed(c).ToList()).ToList();
        frames.AddRange(demuxer.Flush());
        var video = frames.Where(f => f.Kind == ElementaryStreamKind.Video).ToList();
        Assert.Equal(120, video.Count);
        return (chunks, video);
    }

    private static void Feed(IActorRef stream, List<byte[]> chunks, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            stream.Tell(new EncodedChunk(chunks[i], i, DateTime.UtcNow), ActorRefs.NoSender);
        }
    }

    private static int FreeEvenPorts()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = FreePorts.Udp() & ~1;
            if (port + 3 < 65536)
            {
                return port;
            }
        }

        throw new InvalidOperationException("no even UDP port found");
    }
}
