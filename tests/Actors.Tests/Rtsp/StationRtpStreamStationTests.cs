using System.Diagnostics;
using ActorStream.Media.Rtp;
using ActorStream.Media.Ffmpeg;
using ActorStream.Messages.Rtsp;
using ActorStream.Tests.Support;
using Akka.Actor;
using Akka.TestKit.Xunit;

namespace ActorStream.Actors.Tests.Rtsp;

/// <summary>
/// A real station (test-pattern capture and encoder ffmpeg, H.264 with AAC) and its rtp child: the test actor is an
/// RTSP session. After kill -9 of the encoder, the session gets frames again without asking, and the RTP timestamps
/// and sequence numbers carry on.
/// </summary>
public sealed class StationRtpStreamStationTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_session_of_a_real_station_plays_from_a_keyframe_and_goes_on_after_kill_9_of_the_encoder()
    {
        await using var station = StationHost.Start(this, VideoCodec.H264, audio: true);
        var before = await station.WaitUntilEncodingAsync(Token);
        var rtp = await Sys.ActorSelection(station.Station.Path / "rtp").ResolveOne(TimeSpan.FromSeconds(5), Token);

        rtp.Tell(new DescribeRtpStream("rtsp://127.0.0.1:8554/main/", "127.0.0.1"), TestActor);
        var described = await FishForMessageAsync<RtpStreamDescribed>(_ => true, Wait, cancellationToken: Token);
        Assert.Contains("a=rtpmap:96 H264/90000", described.Sdp, StringComparison.Ordinal);
        Assert.Contains("a=rtpmap:97 mpeg4-generic/48000/2", described.Sdp, StringComparison.Ordinal);

        var asked = Stopwatch.StartNew();
        rtp.Tell(new StartRtp([0, 1]), TestActor);
        var started = await FishForMessageAsync<RtpStarted>(_ => true, Wait, cancellationToken: Token);
        var untilStart = asked.Elapsed;
        var first = await FishForMessageAsync<RtpBatch>(_ => true, Wait, cancellationToken: Token);
        Assert.True(first.Keyframe);
        Assert.Equal(started.Tracks[0].Sequence, RtpPacket.Parse(first.Packets[0]).Header.SequenceNumber);
        Assert.True(untilStart < TimeSpan.FromSeconds(3), $"the session started {untilStart.TotalMilliseconds:0} ms after it asked");
        var video = await VideoAsync(60);
        Assert.Contains(video, b => b.Keyframe);

        // Time to the first packet a new session gets (next keyframe; the GOP is 1 s): five starts after one another.
        var probe = CreateTestProbe("session");
        var waits = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            rtp.Tell(new StartRtp([0]), probe.Ref);
            await probe.FishForMessageAsync<RtpStarted>(_ => true, Wait, cancellationToken: Token);
            waits.Add(clock.Elapsed.TotalMilliseconds);
            rtp.Tell(new StopRtp(), probe.Ref);
            await Task.Delay(Random.Shared.Next(0, 500), Token); // starts at different places of the GOP
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"StartRtp to RtpStarted (ms): {string.Join(", ", waits.Select(w => w.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))}");
        Assert.All(waits, w => Assert.True(w < 3000, $"a session started {w:0} ms after it asked"));
        video = [.. video, .. await VideoAsync(1)];

        ProcessTree.Kill9(before.EncoderPid!.Value);
        var killed = Stopwatch.StartNew();
        // Frames of the new encoder: RTP time jumps on past the pause (the timeline's restart gap, 1 s), then 30 frames.
        var after = new List<RtpBatch>();
        int restart;
        while ((restart = RestartIndex(video[^1], after)) < 0 || after.Count - restart < 30)
        {
            after.AddRange(await VideoAsync(1));
            Assert.True(killed.Elapsed < TimeSpan.FromSeconds(15), "no 30 frames of a restarted encoder within 15 s of kill -9");
        }

        Assert.True(after[restart].Keyframe);
        var all = video.Concat(after).Select(b => RtpPacket.Parse(b.Packets[0]).Header).ToList();
        // RTP timestamps never go back (across the restart too), and sequences run on without a break.
        Assert.All(all.Zip(all.Skip(1)), p => Assert.True(unchecked((int)(p.Second.Timestamp - p.First.Timestamp)) >= 0,
            $"RTP time went back from {p.First.Timestamp} to {p.Second.Timestamp}"));
        Assert.All(all, h => Assert.Equal(described.Tracks[0].Ssrc, h.Ssrc));
    }

    private static int RestartIndex(RtpBatch last, List<RtpBatch> after)
    {
        var previous = RtpPacket.Parse(last.Packets[0]).Header.Timestamp;
        for (var i = 0; i < after.Count; i++)
        {
            var timestamp = RtpPacket.Parse(after[i].Packets[0]).Header.Timestamp;
            if (unchecked((int)(timestamp - previous)) > 60_000)
            {
                return i;
            }

            previous = timestamp;
        }

        return -1;
    }

    /// <summary>The next <paramref name="count"/> video batches (other messages skipped).</summary>
    private async Task<List<RtpBatch>> VideoAsync(int count)
    {
        var batches = new List<RtpBatch>();
        while (batches.Count < count)
        {
            batches.Add(await FishForMessageAsync<RtpBatch>(b => b.Track == 0, Wait, cancellationToken: Token));
        }

        return batches;
    }
}
